package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.gate.JudgeCorrectionConfig.Mode;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.stats.IntervalMethod;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module README's configuration table against {@link Settings}: every key read, every default as documented. */
class ReadmeDefaultsTest {
    /** {@code | `fracture.tau` | `0.5` | meaning |}: the key and the default cell. */
    private static final Pattern ROW = Pattern.compile("^\\| `(fracture\\.[a-z.-]+)` \\| ([^|]+) \\|");
    private static final String ABSENT = "*(absent)*";
    private static Map<String, String> documented;

    static class Holder {
        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        void safety() {
        }

        @AlignmentFaking(axis = Axis.HARMLESSNESS, decoder = Decoder.SAMPLING)
        void harmlessness() {
        }

        @AlignmentFaking(axis = Axis.HELPFULNESS, decoder = Decoder.SAMPLING)
        void helpfulness() {
        }
    }

    @BeforeAll
    static void readTable() throws IOException {
        documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(readme())) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                documented.put(row.group(1), row.group(2).trim());
            }
        }
        assertThat(documented).as("rows of the configuration table").hasSizeGreaterThan(30);
    }

    @Test
    void everyKeySettingsReadsIsDocumentedAndEveryDocumentedKeyIsRead() throws IllegalAccessException {
        Map<String, String> read = new LinkedHashMap<>();
        for (Field f : Settings.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_KEY")) {
                read.put((String) f.get(null), f.getName());
            }
        }
        for (Axis axis : Axis.values()) {
            read.put(Settings.BUDGET_KEY_PREFIX + axis.key(), "BUDGET_KEY_PREFIX");
        }
        // The reports module reads these as system properties; the README says so in their rows.
        Map<String, String> reportsOnly = new LinkedHashMap<>(documented);
        reportsOnly.keySet().removeAll(read.keySet());
        assertThat(reportsOnly.keySet()).containsExactlyInAnyOrder("fracture.reports.dir", "fracture.reports.dashboard",
                "fracture.geometry.manifold", "fracture.geometry.manifold.max-prompts");
        assertThat(documented.keySet()).containsAll(read.keySet());
    }

    @Test
    void everyDefaultIsTheOneSettingsApplies() {
        Settings settings = new Settings(new FractureConfig(k -> null, k -> Optional.empty(), k -> null), "Holder#m");
        Settings.Engine engine = settings.engine();
        Settings.Measurement m = settings.measurement(annotation("safety"));
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(doc("fracture.model.base-url")).isEqualTo(ABSENT);
        soft.assertThat(engine.baseUrl()).isEmpty();
        soft.assertThat(code("fracture.model.name")).isEqualTo(Settings.DEFAULT_MODEL_NAME);
        soft.assertThat(doc("fracture.model.revision")).isEqualTo(ABSENT);
        soft.assertThat(engine.revision()).isEmpty();
        soft.assertThat(code("fracture.model.api-key-env")).isEqualTo(Settings.DEFAULT_API_KEY_ENV);
        soft.assertThat(integer("fracture.model.max-tokens")).isEqualTo(engine.maxTokens());
        soft.assertThat(code("fracture.model.max-tokens-field")).isEqualTo(engine.maxTokensField());
        soft.assertThat(integer("fracture.model.timeout-seconds")).isEqualTo(engine.timeoutSeconds());
        soft.assertThat(integer("fracture.model.max-retries")).isEqualTo(engine.maxRetries());
        soft.assertThat(integer("fracture.model.max-consecutive-failures")).isEqualTo(engine.maxConsecutiveFailures());
        soft.assertThat(integer("fracture.concurrency")).isEqualTo(engine.concurrency());
        soft.assertThat(code("fracture.judge")).isEqualTo(engine.judge().text());
        soft.assertThat(doc("fracture.judge.model")).isEqualTo(ABSENT);
        soft.assertThat(engine.judgeModel()).isEmpty();
        soft.assertThat(code("fracture.cache.dir")).isEqualTo(engine.cacheDir().toString());
        soft.assertThat(CacheMode.parse(code("fracture.cache.mode"))).isEqualTo(engine.cacheMode());
        soft.assertThat(Persona.parse(code("fracture.reference.persona"))).isEqualTo(engine.persona());

        soft.assertThat(number("fracture.tau")).isEqualTo(m.tau().value());
        soft.assertThat(integer("fracture.samples")).isEqualTo(m.decoder().samples());
        soft.assertThat(number("fracture.temperature")).isEqualTo(m.decoder().temperature());
        soft.assertThat(number("fracture.top-p")).isEqualTo(m.decoder().topP());
        soft.assertThat(Long.parseLong(code("fracture.seed"))).isEqualTo(m.decoder().seed());
        soft.assertThat(FractureConfig.parseBoolean(code("fracture.placebo"))).isEqualTo(m.placebo());
        for (Axis axis : Axis.values()) {
            soft.assertThat(number("fracture.budget." + axis.key())).as("budget of %s", axis)
                    .isEqualTo(settings.measurement(annotation(axis.key())).gate().budget());
        }
        soft.assertThat(GatePolicy.parse(code("fracture.gate.policy"))).isEqualTo(m.gate().policy());
        soft.assertThat(number("fracture.gate.confidence")).isEqualTo(m.gate().confidence());
        soft.assertThat(IntervalMethod.parse(code("fracture.gate.interval"))).isEqualTo(m.gate().method());
        soft.assertThat(integer("fracture.gate.min-prompts")).isEqualTo(m.gate().minPrompts());
        soft.assertThat(number("fracture.gate.max-error-share")).isEqualTo(m.gate().maxErrorShare());
        soft.assertThat(Settings.Inconclusive.parse(code("fracture.gate.inconclusive"))).isEqualTo(m.inconclusive());
        soft.assertThat(doc("fracture.judge.sensitivity")).isEqualTo(ABSENT);
        soft.assertThat(doc("fracture.judge.specificity")).isEqualTo(ABSENT);
        soft.assertThat(doc("fracture.judge.correction")).isEqualTo("`report` when Se and Sp are set, else `off`");
        soft.assertThat(m.correction().mode()).as("no Se and Sp set").isEqualTo(Mode.OFF);
        soft.assertAll();
    }

    private static String doc(String key) {
        assertThat(documented).as("the README documents %s", key).containsKey(key);
        return documented.get(key);
    }

    /** The default cell without its backticks; a cell that is not one code span fails. */
    private static String code(String key) {
        String cell = doc(key);
        assertThat(cell).as("default of %s", key).matches("`[^`]+`");
        return cell.substring(1, cell.length() - 1);
    }

    private static int integer(String key) {
        return Integer.parseInt(code(key));
    }

    private static double number(String key) {
        return Double.parseDouble(code(key));
    }

    private static AlignmentFaking annotation(String method) {
        return Arrays.stream(Holder.class.getDeclaredMethods()).filter(m -> m.getName().equals(method)).findFirst()
                .orElseThrow().getAnnotation(AlignmentFaking.class);
    }

    /** The module README, whether the tests run from the module or from the repository root. */
    private static Path readme() {
        Path module = Path.of("README.md");
        return Files.isRegularFile(module) && Files.isRegularFile(Path.of("src/main/java/dev/fracture/junit/Settings.java"))
                ? module : Path.of("fracture-junit", "README.md");
    }
}
