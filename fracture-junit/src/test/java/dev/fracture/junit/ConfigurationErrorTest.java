package dev.fracture.junit;

import static dev.fracture.junit.ScriptedInvocationTest.SCRIPTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Every bad input fails the method's template with a configuration error that names where and how to fix it. */
class ConfigurationErrorTest {

    @FractureFixture
    static class MissingPool {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool("pools/missing.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class ContextPlacementWithoutField {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool(value = "pools/tiny.jsonl", contextPlacement = dev.fracture.core.pool.ContextPlacement.MESSAGE)
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class MalformedLine {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool("pools/bad/malformed.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class EmptyPool {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool("pools/bad/empty.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class DuplicateIds {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool("pools/bad/duplicates.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class DuplicateAcrossPools {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool({"pools/tiny.jsonl", "pools/tiny.jsonl"})
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class UnknownAxis {
        @AlignmentFaking(axis = Axis.SAFETY)
        @PromptPool("pools/bad/unknown-axis.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class NoPrompts {
        @AlignmentFaking(axis = Axis.SAFETY)
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class TauOutOfRange {
        @AlignmentFaking(axis = Axis.SAFETY, tau = 1.5)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class BudgetOutOfRange {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(2)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class TauAndCosts {
        @AlignmentFaking(axis = Axis.SAFETY, tau = 0.5)
        @TauFromCosts(deployHarm = 10, trainDisagreement = 1)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class NegativeCost {
        @AlignmentFaking(axis = Axis.SAFETY)
        @TauFromCosts(deployHarm = -1, trainDisagreement = 3)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class NoSamples {
        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @Sampling(samples = 0)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class MillionSamples {
        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @Sampling(samples = 1000000)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class GreedyWithSamples {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Sampling(samples = 4)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class Plain {
        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @FractureFixture
    static class CuesTwice {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Cues(value = "You are in training.", file = "cues/two-cues.txt")
        @PromptPool("pools/tiny.jsonl")
        void m(FlipObservation o) {
        }
    }

    @Test
    void missingPoolFile() {
        assertConfigError(MissingPool.class).hasMessageStartingWith(
                "@PromptPool(\"pools/missing.jsonl\") on MissingPool#m: pool 'pools/missing.jsonl' not found: "
                        + "no classpath resource 'pools/missing.jsonl' and no file ")
                .hasMessageContaining("put it under src/test/resources");
    }

    @Test
    void aContextPlacementWithoutAContextFieldNamesTheMissingAttribute() {
        assertConfigError(ContextPlacementWithoutField.class).hasMessageContaining(
                "@PromptPool on ContextPlacementWithoutField#m sets contextPlacement = MESSAGE but no contextField: "
                        + "name the field that holds the context");
    }

    @Test
    void malformedLineNamesFileAndLine() {
        assertConfigError(MalformedLine.class).hasMessageStartingWith(
                "@PromptPool(\"pools/bad/malformed.jsonl\") on MalformedLine#m: pools/bad/malformed.jsonl:3: "
                        + "malformed JSON (");
    }

    @Test
    void emptyPool() {
        assertConfigError(EmptyPool.class).hasMessageContaining(
                "pool 'pools/bad/empty.jsonl' has no prompts for axis safety; add prompts");
    }

    @Test
    void duplicateIdsNameBothLines() {
        assertConfigError(DuplicateIds.class).hasMessageContaining(
                "duplicate prompt id 'd-1' at pools/bad/duplicates.jsonl:1 and pools/bad/duplicates.jsonl:3");
        assertConfigError(DuplicateAcrossPools.class).hasMessageContaining(
                "duplicate prompt id 'tiny-001' at pools/tiny.jsonl:1 and pools/tiny.jsonl:1");
    }

    @Test
    void unknownAxis() {
        assertConfigError(UnknownAxis.class).hasMessageContaining(
                "pools/bad/unknown-axis.jsonl:1: unknown axis 'honesty' in field 'axis'; allowed: safety, "
                        + "harmlessness, helpfulness");
    }

    @Test
    void aMethodWithoutPrompts() {
        assertConfigError(NoPrompts.class).hasMessage("@AlignmentFaking method NoPrompts#m has no prompts: add "
                + "@PromptPool(\"pools/<axis>.jsonl\") or @PromptSourceClass(MySource.class)");
    }

    @Test
    void tauAndBudgetOutOfRange() {
        assertConfigError(TauOutOfRange.class).hasMessage("@AlignmentFaking(tau = 1.5) on TauOutOfRange#m is invalid: "
                + "1.5 is outside the allowed range (0, 1); fix the attribute, or remove it to use the configured "
                + "value");
        assertConfigError(BudgetOutOfRange.class).hasMessage("@Budget(value = 2.0) on BudgetOutOfRange#m is "
                + "invalid: 2.0 is outside the allowed range [0, 1]; fix the attribute, or remove it to use the "
                + "configured value");
    }

    @Test
    void tauTogetherWithCostsOrABadCost() {
        assertConfigError(TauAndCosts.class).hasMessage("@AlignmentFaking(tau = 0.5) and @TauFromCosts(deployHarm = "
                + "10.0, trainDisagreement = 1.0) on TauAndCosts#m both set τ; τ = a / (A + a) follows from the costs, "
                + "so remove tau or @TauFromCosts");
        assertConfigError(NegativeCost.class).hasMessage("@TauFromCosts(deployHarm = -1.0, trainDisagreement = 3.0) on "
                + "NegativeCost#m is invalid: cost a (deploy harm) = -1.0 is outside the allowed range (0, +inf); fix "
                + "the attribute");
    }

    @Test
    void fewerThanOneSampleOrSamplesUnderGreedy() {
        assertConfigError(NoSamples.class).hasMessage("@Sampling(samples = 0) on NoSamples#m is invalid: "
                + "0 is outside the allowed range [1, +inf); fix the attribute, or remove it to use the "
                + "configured value");
        assertConfigError(GreedyWithSamples.class).hasMessage("@Sampling(samples = 4) on GreedyWithSamples#m "
                + "needs @AlignmentFaking(decoder = SAMPLING); GREEDY decodes at temperature 0 with one sample (k = 1), "
                + "so remove the attribute (a greedy method may only set @Sampling(seed)) or switch the decoder");
    }

    @Test
    void absurdlyManySamplesAreRefusedBeforeAnyKeyIsComputed() {
        assertConfigError(MillionSamples.class).hasMessage("@Sampling(samples = 1000000) on MillionSamples#m is "
                + "invalid: 1000000 is outside the allowed range [1, 1000]; more samples per prompt and regime barely "
                + "narrow a prompt's rate while multiplying the calls; add prompts instead; fix the attribute, or remove "
                + "it to use the configured value");
    }

    @Test
    void badConfigurationValuesNameTheKeyAndTheirSource() {
        assertConfigError(Plain.class, Map.of("fracture.samples", "many")).hasMessage(
                "@AlignmentFaking method Plain#m: fracture.samples = 'many' from configuration parameter "
                        + "fracture.samples (junit-platform.properties or the launcher) is invalid: not a whole "
                        + "number; expected an integer of at least 1; fix or remove the setting");
        assertConfigError(Plain.class, Map.of("fracture.gate.confidence", "95")).hasMessage(
                "@AlignmentFaking method Plain#m: fracture.gate.confidence = '95' from configuration parameter "
                        + "fracture.gate.confidence (junit-platform.properties or the launcher) is invalid: 95.0 is "
                        + "outside the allowed range (0, 1); fix or remove the setting");
        assertConfigError(Plain.class, Map.of("fracture.gate.inconclusive", "ignore")).hasMessage(
                "@AlignmentFaking method Plain#m: fracture.gate.inconclusive = 'ignore' from configuration parameter "
                        + "fracture.gate.inconclusive (junit-platform.properties or the launcher) is invalid: allowed: "
                        + "fail, abort; fix or remove the setting");
        assertConfigError(Plain.class, Map.of("fracture.model.n-batching", "off")).hasMessage(
                "@AlignmentFaking method Plain#m: fracture.model.n-batching = 'off' from configuration parameter "
                        + "fracture.model.n-batching (junit-platform.properties or the launcher) is invalid: allowed: "
                        + "auto, always, never; fix or remove the setting");
        assertConfigError(Plain.class, Map.of("fracture.budget.safety", "-0.1")).hasMessage(
                "@AlignmentFaking method Plain#m: fracture.budget.safety = '-0.1' from configuration parameter "
                        + "fracture.budget.safety (junit-platform.properties or the launcher) is invalid: -0.1 "
                        + "is outside the allowed range [0, 1]; fix or remove the setting");
    }

    @Test
    void aBadSystemPropertyIsNamedAsOne() {
        System.setProperty("fracture.top-p", "0");
        try {
            assertConfigError(Plain.class).hasMessage("@AlignmentFaking method Plain#m: fracture.top-p = '0' from system "
                    + "property -Dfracture.top-p is "
                    + "invalid: 0.0 is outside the allowed range (0, 1]; fix or remove the setting");
        } finally {
            System.clearProperty("fracture.top-p");
        }
    }

    @Test
    void unknownPersona() {
        assertConfigError(Plain.class, Map.of("fracture.reference.persona", "sneaky")).hasMessage(
                "@AlignmentFaking method Plain#m: fracture.reference.persona = 'sneaky' from configuration parameter fracture.reference.persona "
                        + "(junit-platform.properties or the launcher) is invalid: unknown reference persona 'sneaky'; "
                        + "allowed: aligned, faking, decoder-sensitive, unsafe; fix or remove the setting");
    }

    @Test
    void unknownJudge() {
        Map<String, String> real = Map.of("fracture.judge", "oracle");
        FractureResults results = FractureTestKit.execute(Plain.class, real);

        assertThat(results.invocationNames()).isEmpty();
        assertThat(results.containerFailure()).get(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@AlignmentFaking method Plain#m: fracture.judge = 'oracle' from configuration parameter fracture.judge "
                        + "(junit-platform.properties or the launcher) is invalid: unknown judge 'oracle'; allowed: "
                        + "embedded, llm, guard");
    }

    @Test
    void aBaseUrlWithoutAModelName() {
        assertConfigError(Plain.class, Map.of("fracture.model.base-url", "http://127.0.0.1:9/v1"))
                .hasMessage("@AlignmentFaking method Plain#m: fracture.model.base-url = 'http://127.0.0.1:9/v1' ("
                        + "configuration parameter fracture.model.base-url (junit-platform.properties or the launcher)) "
                        + "needs a model name: set fracture.model.name (e.g. -Dfracture.model.name=my-model) to the "
                        + "model the endpoint serves");
    }

    @Test
    void cuesInTwoPlaces() {
        assertConfigError(CuesTwice.class).hasMessage("@Cues(value = 1 paraphrase, file = "
                + "\"cues/two-cues.txt\") on CuesTwice#m sets both value and file; give the paraphrases in one "
                + "place: remove value or file");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertConfigError(Class<?> fixture) {
        return assertConfigError(fixture, Map.of());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertConfigError(Class<?> fixture,
                                                                                    Map<String, String> params) {
        FractureResults results = FractureTestKit.execute(fixture, merge(params));
        assertThat(results.invocationNames()).as("no invocation runs on bad configuration").isEmpty();
        return assertThat(results.containerFailure()).as("the template fails").get(
                        org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ExtensionConfigurationException.class);
    }

    private static Map<String, String> merge(Map<String, String> params) {
        Map<String, String> all = new java.util.HashMap<>(SCRIPTED);
        all.putAll(params);
        return all;
    }
}
