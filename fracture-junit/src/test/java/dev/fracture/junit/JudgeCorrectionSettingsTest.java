package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.core.gate.JudgeCorrectionConfig;
import dev.fracture.core.gate.JudgeCorrectionConfig.Mode;
import dev.fracture.core.judge.Confusion;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@code fracture.judge.sensitivity}, {@code .specificity} and {@code .correction}: parsing, defaults, every error. */
class JudgeCorrectionSettingsTest {
    private static final String WHERE_SE = "configuration parameter fracture.judge.sensitivity (junit-platform.properties"
            + " or the launcher)";
    private static final String WHERE_SP = "configuration parameter fracture.judge.specificity (junit-platform.properties"
            + " or the launcher)";
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    static class Holder {
        @AlignmentFaking(axis = Axis.SAFETY)
        void greedy() {
        }

        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @Sampling(samples = 1)
        void oneSample() {
        }

        @AlignmentFaking(axis = Axis.SAFETY, decoder = Decoder.SAMPLING)
        @Sampling(samples = 4)
        void fourSamples() {
        }
    }

    @Test
    void withoutSeAndSpTheCorrectionIsOffEvenForTheEmbeddedJudge() {
        assertThat(correction("greedy")).isEqualTo(JudgeCorrectionConfig.OFF);
        parameters.put("fracture.judge", "embedded");
        assertThat(correction("greedy").mode()).as("no default from the embedded judge's own figures")
                .isEqualTo(Mode.OFF);
        parameters.put("fracture.judge.correction", "off");
        assertThat(correction("greedy").mode()).isEqualTo(Mode.OFF);
    }

    @Test
    void sharesDefaultToReportAndAreTakenAsKnown() {
        parameters.put("fracture.judge.sensitivity", "0.95");
        parameters.put("fracture.judge.specificity", "1");

        JudgeCorrectionConfig c = correction("greedy");
        assertThat(c.mode()).isEqualTo(Mode.REPORT);
        assertThat(c.sensitivity()).isEqualTo(0.95);
        assertThat(c.specificity()).isEqualTo(1.0);
        assertThat(c.evaluation()).isEmpty();
    }

    @Test
    void countsAreResampledAndTheModeKeyDecides() {
        environment.put("FRACTURE_JUDGE_SENSITIVITY", "82/86");
        environment.put("FRACTURE_JUDGE_SPECIFICITY", " 96 / 96 ");
        parameters.put("fracture.judge.correction", "GATE");

        JudgeCorrectionConfig c = correction("greedy");
        assertThat(c.mode()).isEqualTo(Mode.GATE);
        assertThat(c.evaluation()).contains(new Confusion(82, 4, 96, 0));
        assertThat(c.sensitivity()).isEqualTo(82.0 / 86);
        assertThat(correction("oneSample").mode()).as("k = 1 under sampling is one label per regime")
                .isEqualTo(Mode.GATE);
        parameters.put("fracture.judge.correction", "off");
        assertThat(correction("greedy").mode()).isEqualTo(Mode.OFF);
    }

    @Test
    void onlyOneOfSeAndSp() {
        parameters.put("fracture.judge.sensitivity", "0.9");
        assertError("greedy", "fracture.judge.sensitivity = '0.9' (" + WHERE_SE + ") is set but "
                + "fracture.judge.specificity is not: the judge correction needs both the judge's measured sensitivity "
                + "and specificity; set fracture.judge.specificity too, or remove fracture.judge.sensitivity");
        parameters.clear();
        parameters.put("fracture.judge.specificity", "0.9");
        assertError("greedy", "fracture.judge.specificity = '0.9' (" + WHERE_SP + ") is set but "
                + "fracture.judge.sensitivity is not: the judge correction needs both the judge's measured sensitivity "
                + "and specificity; set fracture.judge.sensitivity too, or remove fracture.judge.specificity");
    }

    @Test
    void reportOrGateWithoutSeAndSp() {
        parameters.put("fracture.judge.correction", "gate");
        assertError("greedy", "fracture.judge.correction = 'gate' (configuration parameter fracture.judge.correction "
                + "(junit-platform.properties or the launcher)) needs the judge's measured sensitivity and specificity: "
                + "set fracture.judge.sensitivity and fracture.judge.specificity (e.g. from the judge-eval tool on "
                + "labelled answers of your model), or set fracture.judge.correction=off");
    }

    @Test
    void anUnknownMode() {
        parameters.put("fracture.judge.correction", "always");
        assertError("greedy", "fracture.judge.correction = 'always' from configuration parameter "
                + "fracture.judge.correction (junit-platform.properties or the launcher) is invalid: unknown judge "
                + "correction mode 'always'; allowed: off, report, gate; fix or remove the setting");
    }

    @Test
    void valuesOutOfRangeOrNotNumbers() {
        parameters.put("fracture.judge.specificity", "1");
        parameters.put("fracture.judge.sensitivity", "0");
        assertError("greedy", "fracture.judge.sensitivity = '0' from " + WHERE_SE + " is invalid: sensitivity = 0.0 is "
                + "outside the allowed range (0, 1]; expected a share in (0, 1] such as 0.95 or counts such as 82/86 "
                + "(unsafe answers called unsafe / unsafe answers); fix or remove the setting");
        parameters.put("fracture.judge.sensitivity", "1.2");
        assertError("greedy", "fracture.judge.sensitivity = '1.2' from " + WHERE_SE + " is invalid: sensitivity = 1.2 "
                + "is outside the allowed range (0, 1]; expected a share");
        parameters.put("fracture.judge.sensitivity", "high");
        assertError("greedy", "fracture.judge.sensitivity = 'high' from " + WHERE_SE + " is invalid: not a number; "
                + "expected a share in (0, 1]");
        parameters.put("fracture.judge.sensitivity", "0.9");
        parameters.put("fracture.judge.specificity", "90/86");
        assertError("greedy", "fracture.judge.specificity = '90/86' from " + WHERE_SP + " is invalid: counts 90/86 need"
                + " 1 <= hits <= rows; expected a share in (0, 1] such as 0.95 or counts such as 82/86 (safe answers "
                + "called safe / safe answers); fix or remove the setting");
    }

    @Test
    void aShareMixedWithCounts() {
        parameters.put("fracture.judge.sensitivity", "0.9");
        parameters.put("fracture.judge.specificity", "96/96");
        assertError("greedy", "fracture.judge.sensitivity = '0.9' (" + WHERE_SE + ") and fracture.judge.specificity = "
                + "'96/96' (" + WHERE_SP + ") mix a share and counts: give both as shares (taken as known) or both as "
                + "counts like 82/86 (resampled with the measurement)");
    }

    @Test
    void aJudgeNoBetterThanChance() {
        parameters.put("fracture.judge.sensitivity", "0.4");
        parameters.put("fracture.judge.specificity", "0.6");
        assertError("greedy", "fracture.judge.sensitivity = '0.4' (" + WHERE_SE + ") and fracture.judge.specificity = "
                + "'0.6' (" + WHERE_SP + "): Se + Sp = 1 is not above 1, so the judge is no better than chance and its "
                + "errors cannot be corrected; measure the judge again or remove both keys");
    }

    @Test
    void gatingOnAveragedVerdictsIsRefusedReportingIsNot() {
        parameters.put("fracture.judge.sensitivity", "0.9");
        parameters.put("fracture.judge.specificity", "0.95");
        assertThat(correction("fourSamples").mode()).isEqualTo(Mode.REPORT);
        parameters.put("fracture.judge.correction", "gate");
        assertError("fourSamples", "fracture.judge.correction = 'gate' (configuration parameter "
                + "fracture.judge.correction (junit-platform.properties or the launcher)) cannot gate a measurement "
                + "with k = 4 samples per regime: the correction assumes one label per prompt and regime and is only "
                + "approximate on averaged verdicts; use samples = 1 (or GREEDY), or fracture.judge.correction=report "
                + "to show it with that caveat");
    }

    private void assertError(String method, String message) {
        assertThatThrownBy(() -> correction(method)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@AlignmentFaking method Holder#" + method + ": " + message);
    }

    private JudgeCorrectionConfig correction(String method) {
        Settings settings = new Settings(dev.fracture.core.config.Configuration.of(parameters, environment),
                "Holder#" + method);
        try {
            java.lang.reflect.Method m = Holder.class.getDeclaredMethod(method);
            return settings.measurement(m, m.getAnnotation(AlignmentFaking.class)).correction();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
