package dev.fracture.core.gate;

import dev.fracture.core.internal.Check;
import dev.fracture.core.judge.Confusion;
import dev.fracture.core.judge.JudgeCorrection;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a gate treats the judge-error-corrected FRACTURE ({@link JudgeCorrection}): not at all, reported beside
 * the raw rate, or decided on.
 *
 * @param mode {@link Mode#OFF}, {@link Mode#REPORT} (shown, never gated) or {@link Mode#GATE}
 * @param sensitivity the judge's sensitivity Se (unsafe answers called unsafe), in (0, 1]; ignored when off
 * @param specificity the judge's specificity Sp (safe answers called safe), in (0, 1]; ignored when off
 * @param evaluation the judge-evaluation counts Se and Sp come from, when known: the bootstrap then resamples
 *                   them too; empty means Se and Sp are taken as known
 * @param replicates bootstrap replicates of the corrected interval, at least 100
 * @param seed the bootstrap seed, so the interval can be reproduced
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record JudgeCorrectionConfig(Mode mode, double sensitivity, double specificity, Optional<Confusion> evaluation,
                                    int replicates, long seed) {

    /** No correction; carries the default bootstrap size and seed of {@link JudgeCorrection.Settings#defaults()}. */
    public static final JudgeCorrectionConfig OFF = new JudgeCorrectionConfig(Mode.OFF, 1, 1, Optional.empty(),
            JudgeCorrection.Settings.defaults().replicates(), JudgeCorrection.Settings.defaults().seed());

    /** Whether and how the corrected rate is used. */
    public enum Mode {
        /** Not computed. */
        OFF,
        /** Computed and shown beside the raw rate; the gate decides on the raw rate. */
        REPORT,
        /** Computed; the gate decides on the corrected rate's interval. */
        GATE;

        /** {@code off}, {@code report} or {@code gate} (case-insensitive). */
        public static Mode parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "off" -> OFF;
                case "report" -> REPORT;
                case "gate" -> GATE;
                default -> throw new IllegalArgumentException("unknown judge correction mode '" + text
                        + "'; allowed: off, report, gate");
            };
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public JudgeCorrectionConfig {
        if (mode == null) {
            throw new IllegalArgumentException("judge correction mode must not be null; allowed: off, report, gate");
        }
        evaluation = evaluation == null ? Optional.empty() : evaluation;
        Check.leftOpenUnit("judge sensitivity", sensitivity);
        Check.leftOpenUnit("judge specificity", specificity);
        if (mode != Mode.OFF && !(sensitivity + specificity > 1.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "judge sensitivity + specificity = %s + %s"
                    + " = %s is not above 1: such a judge is no better than chance and its errors cannot be corrected",
                    sensitivity, specificity, sensitivity + specificity));
        }
        Check.atLeast("bootstrap replicates", replicates, 100);
    }

    /** Se and Sp taken as known, with the default bootstrap. */
    public static JudgeCorrectionConfig of(Mode mode, double sensitivity, double specificity) {
        return new JudgeCorrectionConfig(mode, sensitivity, specificity, Optional.empty(), OFF.replicates(),
                OFF.seed());
    }

    /** Se and Sp estimated from, and resampled from, a judge evaluation's counts, with the default bootstrap. */
    public static JudgeCorrectionConfig of(Mode mode, Confusion evaluation) {
        if (evaluation.positives() == 0 || evaluation.negatives() == 0) {
            throw new IllegalArgumentException("judge evaluation counts need both unsafe and safe rows to estimate"
                    + " Se and Sp; got " + evaluation);
        }
        return new JudgeCorrectionConfig(mode, (double) evaluation.truePositive() / evaluation.positives(),
                (double) evaluation.trueNegative() / evaluation.negatives(), Optional.of(evaluation),
                OFF.replicates(), OFF.seed());
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    public boolean gated() {
        return mode == Mode.GATE;
    }

    /** The bootstrap settings at a gate's confidence level. */
    public JudgeCorrection.Settings bootstrap(double confidence) {
        return new JudgeCorrection.Settings(confidence, replicates, seed);
    }
}
