package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.judge.internal.JudgeCode;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded judge's fingerprint follows its code and resources: a changed rule constant, compiled
 * for real, gives another fingerprint id; so does a changed weight.
 */
class EmbeddedJudgeFingerprintTest {

    private static final String FEATURES_SOURCE = "src/main/java/dev/fracture/core/judge/internal/AnswerFeatures.java";
    private static final String CONSTANT = "static final int SHORT_WORDS = 15;";

    @Test
    void theCodeHashCoversEveryJudgeClassTheJudgeReaches() {
        JudgeCode.Digest d = digest(JudgeCode.classPath(getClass().getClassLoader()));

        assertThat(d.classes()).contains("dev/fracture/core/judge/EmbeddedJudge",
                "dev/fracture/core/judge/internal/AnswerFeatures", "dev/fracture/core/judge/internal/CueLexicon",
                "dev/fracture/core/judge/internal/CueLexicon$Matches", "dev/fracture/core/judge/internal/Feature",
                "dev/fracture/core/judge/internal/LinearModel", "dev/fracture/core/judge/internal/SpeechActGrams",
                "dev/fracture/core/judge/internal/JudgeCode", "dev/fracture/core/judge/internal/CharModel");
        assertThat(d.classes()).doesNotContain("dev/fracture/core/judge/LlmJudge",
                "dev/fracture/core/judge/internal/EmbeddedJudgeTrainer");
        assertThat(d.resources()).containsExactly(EmbeddedJudge.LEXICON, EmbeddedJudge.WEIGHTS,
                EmbeddedJudge.CHAR_WEIGHTS);
        assertThat(new EmbeddedJudge().fingerprint().parameters().get("code")).isEqualTo(d.sha256());
    }

    @Test
    void aChangedRuleConstantCompiledForRealChangesTheFingerprintId(@TempDir Path scratch) throws Exception {
        String source = Files.readString(Path.of(FEATURES_SOURCE), StandardCharsets.UTF_8);
        assertThat(source).contains(CONSTANT);
        Path original = compile(scratch.resolve("original"), source);
        Path again = compile(scratch.resolve("again"), source);
        Path changed = compile(scratch.resolve("changed"), source.replace(CONSTANT, "static final int SHORT_WORDS = 16;"));

        JudgeFingerprint before = judgeLoadedFrom(original).fingerprint();
        JudgeFingerprint recompiled = judgeLoadedFrom(again).fingerprint();
        JudgeFingerprint after = judgeLoadedFrom(changed).fingerprint();

        assertThat(recompiled.id()).as("same source, same bytes, same id").isEqualTo(before.id());
        assertThat(after.id()).as("one constant changed").isNotEqualTo(before.id());
        assertThat(after.parameters().get("code")).isNotEqualTo(before.parameters().get("code"));
        assertThat(after.version()).isEqualTo(before.version());
    }

    @Test
    void aChangedWeightChangesTheHash() {
        Function<String, byte[]> classPath = JudgeCode.classPath(getClass().getClassLoader());
        for (String resource : List.of(EmbeddedJudge.WEIGHTS, EmbeddedJudge.CHAR_WEIGHTS)) {
            Function<String, byte[]> edited = name -> {
                byte[] bytes = classPath.apply(name);
                if (!name.equals(resource)) {
                    return bytes;
                }
                String text = new String(bytes, StandardCharsets.UTF_8);
                int at = text.indexOf("\nbias\t") + "\nbias\t".length();
                return (text.substring(0, at) + "9" + text.substring(at)).getBytes(StandardCharsets.UTF_8);
            };
            assertThat(digest(edited).sha256()).as(resource).isNotEqualTo(digest(classPath).sha256());
        }
        assertThat(digest(classPath).sha256()).isEqualTo(digest(classPath).sha256());
    }

    private static JudgeCode.Digest digest(Function<String, byte[]> bytes) {
        return JudgeCode.digest(EmbeddedJudge.class.getName(), EmbeddedJudge.CODE_PREFIX,
                List.of(EmbeddedJudge.LEXICON, EmbeddedJudge.WEIGHTS, EmbeddedJudge.CHAR_WEIGHTS), bytes);
    }

    /** Compiles one source file against the module's classes into a fresh directory. */
    private static Path compile(Path out, String source) throws IOException {
        Path src = out.resolve("src/AnswerFeatures.java");
        Path classes = out.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", moduleClasses().toString(),
                "-proc:none", "-nowarn", src.toString());
        assertThat(code).as("javac exit code").isZero();
        assertThat(classes.resolve("dev/fracture/core/judge/internal/AnswerFeatures.class")).exists();
        return classes;
    }

    private static Path moduleClasses() {
        try {
            return Path.of(EmbeddedJudge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh EmbeddedJudge whose class loader sees the scratch classes before the module's own. */
    private static Judge judgeLoadedFrom(Path scratchClasses) throws Exception {
        URL[] path = {scratchClasses.toUri().toURL(), moduleClasses().toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            Object judge = loader.loadClass(EmbeddedJudge.class.getName()).getConstructor().newInstance();
            Object fp = judge.getClass().getMethod("fingerprint").invoke(judge);
            Object id = fp.getClass().getMethod("id").invoke(fp);
            JudgeFingerprint copy = copyOf(fp);
            assertThat(copy.id()).isEqualTo(id);
            Object verdict = judge.getClass().getMethod("judge", loader.loadClass(JudgeInput.class.getName()))
                    .invoke(judge, loader.loadClass(JudgeInput.class.getName())
                            .getConstructor(loader.loadClass(Axis.class.getName()), String.class, String.class)
                            .newInstance(Enum.valueOf(loader.loadClass(Axis.class.getName()).asSubclass(Enum.class), "SAFETY"),
                                    "q", "I can't help with that."));
            assertThat(verdict).isNotNull();
            return new Judge() {
                @Override
                public dev.fracture.core.Verdict judge(JudgeInput input) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public JudgeFingerprint fingerprint() {
                    return copy;
                }
            };
        }
    }

    @SuppressWarnings("unchecked")
    private static JudgeFingerprint copyOf(Object fp) throws Exception {
        Class<?> c = fp.getClass();
        return new JudgeFingerprint((String) c.getMethod("type").invoke(fp), (String) c.getMethod("model").invoke(fp),
                (String) c.getMethod("rubric").invoke(fp),
                (java.util.Map<String, String>) c.getMethod("parameters").invoke(fp),
                (String) c.getMethod("version").invoke(fp));
    }
}
