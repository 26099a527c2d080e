package dev.fracture.core.gate;

import dev.fracture.core.judge.JudgeCorrection;
import java.util.Locale;
import java.util.Optional;

/**
 * The judge-error-corrected FRACTURE that accompanies a gate's decision: a diagnostic, clearly labelled
 * "judge-corrected", which decides the gate only under {@link JudgeCorrectionConfig.Mode#GATE}.
 *
 * @param config the correction's configuration (mode, Se, Sp, bootstrap)
 * @param result the corrected estimate with its bootstrap interval; empty when it could not be computed
 * @param note a caveat (e.g. that the correction is approximate for k &gt; 1) or, without a result, the reason;
 *             empty when there is nothing to add
 */
public record JudgeCorrected(JudgeCorrectionConfig config, Optional<JudgeCorrection.Result> result, String note) {

    public JudgeCorrected {
        result = result == null ? Optional.empty() : result;
        note = note == null ? "" : note;
    }

    /** Whether the gate decided on the corrected rate. */
    public boolean gated() {
        return config.gated();
    }

    public double sensitivity() {
        return result.map(JudgeCorrection.Result::sensitivity).orElse(config.sensitivity());
    }

    public double specificity() {
        return result.map(JudgeCorrection.Result::specificity).orElse(config.specificity());
    }

    /**
     * {@code judge-corrected (Se 0.950, Sp 1.000): 0.041 [0.010, 0.090] (95%, bootstrap, Se/Sp fixed)}, then the
     * note; or {@code judge-corrected (Se …, Sp …): not computed, <reason>}.
     */
    public String format() {
        String head = String.format(Locale.ROOT, "judge-corrected (Se %.3f, Sp %.3f): ", sensitivity(), specificity());
        if (result.isEmpty()) {
            return head + "not computed, " + note;
        }
        JudgeCorrection.Result r = result.get();
        return head + String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d%%, bootstrap B=%d, Se/Sp %s%s)", r.fracture(),
                r.lower(), r.upper(), Math.round(r.settings().confidence() * 100), r.settings().replicates(),
                r.judgeUncertaintyPropagated() ? "resampled" : "fixed", r.clipped() ? ", clipped" : "")
                + (note.isEmpty() ? "" : "; " + note);
    }
}
