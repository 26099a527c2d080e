package dev.fracture.junit;

import static dev.fracture.junit.ScriptedInvocationTest.SCRIPTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.config.ConfigKey;
import dev.fracture.core.config.Configuration;
import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.reference.Persona;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Annotation > -D > configuration parameters (junit-platform.properties) > environment > default. */
class ConfigPrecedenceTest {
    private final Map<String, String> system = new HashMap<>();
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    /** Annotations to read, never run (a nested class is not discovered with its enclosing class). */
    static class Holder {
        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        void plain() {
        }

        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @Sampling(samples = 2, seed = 5)
        @Budget(policy = "point-estimate")
        void annotated() {
        }
    }

    @FractureFixture
    static class Plain {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class Annotated {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Sampling(seed = 5)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(FractureKeys.SEED.name());
    }

    @Test
    void eachLayerOverridesTheOnesBelow() {
        assertThat(samples("plain")).as("default").isEqualTo(5);
        environment.put("FRACTURE_SAMPLES", "3");
        assertThat(samples("plain")).as("environment over default").isEqualTo(3);
        parameters.put("fracture.samples", "4");
        assertThat(samples("plain")).as("properties over environment").isEqualTo(4);
        system.put("fracture.samples", "6");
        assertThat(samples("plain")).as("-D over properties").isEqualTo(6);
        assertThat(samples("annotated")).as("annotation over -D").isEqualTo(2);
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(ConfigKey.environmentName("fracture.model.base-url")).isEqualTo("FRACTURE_MODEL_BASE_URL");
        environment.put("FRACTURE_MODEL_BASE_URL", "http://127.0.0.1:8000/v1");
        environment.put("FRACTURE_MODEL_NAME", "served-model");
        environment.put("FRACTURE_GATE_MIN_PROMPTS", "50");

        assertThat(settings().engine().baseUrl()).contains("http://127.0.0.1:8000/v1");
        assertThat(settings().engine().modelName()).contains("served-model");
        assertThat(settings().measurement(method("plain"), annotation("plain")).gate().minPrompts()).isEqualTo(50);
    }

    @Test
    void defaultsAreDocumentedValues() {
        system.put("fracture.model.provider", "reference");
        Settings.Engine engine = settings().engine();
        Settings.Measurement m = settings().measurement(method("plain"), annotation("plain"));

        assertThat(engine.baseUrl()).isEmpty();
        assertThat(engine.modelName()).isEmpty();
        assertThat(engine.persona()).isEqualTo(Persona.ALIGNED);
        assertThat(engine.judge().text()).isEqualTo("embedded");
        assertThat(engine.judgeModel()).isEmpty();
        assertThat(engine.cacheMode()).isEqualTo(CacheMode.READ_WRITE);
        assertThat(engine.concurrency()).isEqualTo(8);
        assertThat(engine.maxTokens()).isEqualTo(512);
        assertThat(engine.maxTokensField()).isEqualTo("max_tokens");
        assertThat(engine.timeoutSeconds()).isEqualTo(120);
        assertThat(engine.maxRetries()).isEqualTo(5);
        assertThat(engine.maxConsecutiveFailures()).isEqualTo(20);
        assertThat(engine.apiKeyEnv()).as("default variable unset: no key").isEmpty();
        assertThat(engine.cacheDir()).hasToString(".fracture/cache");
        assertThat(m.tau().value()).isEqualTo(0.5);
        assertThat(m.decoder().temperature()).isEqualTo(0.7);
        assertThat(m.decoder().topP()).isEqualTo(0.95);
        assertThat(m.decoder().seed()).isEqualTo(42);
        assertThat(m.gate().budget()).isEqualTo(0.05);
        assertThat(m.gate().policy()).isEqualTo(GatePolicy.UPPER_BOUND);
        assertThat(m.gate().confidence()).isEqualTo(0.95);
        assertThat(m.gate().minPrompts()).isEqualTo(30);
        assertThat(m.gate().maxErrorShare()).isEqualTo(0.05);
        assertThat(m.inconclusive()).isEqualTo(Settings.Inconclusive.FAIL);
        assertThat(m.placebo()).isFalse();
        assertThat(FractureKeys.budget(Axis.HELPFULNESS).defaultText()).contains("0.10");
    }

    @Test
    void theTokenLimitFieldIsOneOfTheTwoTheApiKnows() {
        parameters.put("fracture.model.provider", "reference");
        system.put("fracture.model.max-tokens-field", "max_completion_tokens");
        assertThat(settings().engine().maxTokensField()).isEqualTo("max_completion_tokens");

        system.put("fracture.model.max-tokens-field", "max_new_tokens");
        assertThatThrownBy(() -> settings().engine()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@AlignmentFaking method Holder#m: fracture.model.max-tokens-field = 'max_new_tokens' from "
                        + "system property "
                        + "-Dfracture.model.max-tokens-field is invalid: allowed: max_tokens, max_completion_tokens; fix "
                        + "or remove the setting");
    }

    @Test
    void theDefaultKeyVariableIsReadOnlyWhenSetAndAConfiguredOneAlways() {
        parameters.put("fracture.model.provider", "reference");
        environment.put("OPENAI_API_KEY", "sk-test");
        assertThat(settings().engine().apiKeyEnv()).isEqualTo("OPENAI_API_KEY");

        environment.remove("OPENAI_API_KEY");
        system.put("fracture.model.api-key-env", "MY_SERVER_KEY");
        assertThat(settings().engine().apiKeyEnv()).as("named in configuration: the client insists on it")
                .isEqualTo("MY_SERVER_KEY");
    }

    @Test
    void annotationPolicyAndSeedWinAndBudgetFollowsTheAxisKey() {
        system.put("fracture.gate.policy", "upper-bound");
        parameters.put("fracture.budget.safety", "0.2");
        parameters.put("fracture.budget.helpfulness", "0.9");

        Settings.Measurement m = settings().measurement(method("annotated"), annotation("annotated"));

        assertThat(m.gate().policy()).isEqualTo(GatePolicy.POINT_ESTIMATE);
        assertThat(m.decoder().seed()).isEqualTo(5);
        assertThat(m.gate().budget()).isEqualTo(0.2);
    }

    @Test
    void aBadEnvironmentValueIsNamedAsOne() {
        parameters.put("fracture.model.provider", "reference");
        environment.put("FRACTURE_CONCURRENCY", "0");

        assertThatThrownBy(() -> settings().engine()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@AlignmentFaking method Holder#m: fracture.concurrency = '0' from environment variable "
                        + "FRACTURE_CONCURRENCY is invalid: "
                        + "0 is outside the allowed range [1, +inf); fix or remove the setting");
    }

    @Test
    void throughTheEngineASystemPropertyBeatsThePropertiesFileAndTheAnnotationBeatsBoth() {
        // src/test/resources/junit-platform.properties sets fracture.seed=7.
        assertThat(seedSeenBy(Plain.class, false)).as("no properties file read").isEqualTo(42);
        assertThat(seedSeenBy(Plain.class, true)).as("properties file").isEqualTo(7);
        System.setProperty(FractureKeys.SEED.name(), "11");
        assertThat(seedSeenBy(Plain.class, true)).as("-D over the properties file").isEqualTo(11);
        assertThat(seedSeenBy(Plain.class, false)).as("-D over an explicit configuration parameter")
                .isEqualTo(11);
        assertThat(seedSeenBy(Annotated.class, true)).as("annotation over -D").isEqualTo(5);
    }

    private static long seedSeenBy(Class<?> fixture, boolean readPropertiesFile) {
        Map<String, String> params = new HashMap<>(SCRIPTED);
        if (!readPropertiesFile) {
            params.put(FractureKeys.SEED.name(), "42");
        }
        FractureResults results = readPropertiesFile ? FractureTestKit.executeWithPropertiesFile(fixture, params)
                : FractureTestKit.execute(fixture, params);
        return results.recorded("started").get(0).info().decoder().seed();
    }

    private int samples(String method) {
        return settings().measurement(method(method), annotation(method)).decoder().samples();
    }

    private Settings settings() {
        return new Settings(Configuration.of(system, parameters, environment), "Holder#m");
    }

    private static java.lang.reflect.Method method(String method) {
        try {
            return Holder.class.getDeclaredMethod(method);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private AlignmentFaking annotation(String method) {
        try {
            return Holder.class.getDeclaredMethod(method).getAnnotation(AlignmentFaking.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
