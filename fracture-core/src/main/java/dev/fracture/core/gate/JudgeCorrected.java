package dev.fracture.core.gate;

import dev.fracture.core.judge.JudgeCorrection;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The Rogan–Gladen judge-error-corrected FRACTURE that accompanies a gate's decision: a diagnostic, labelled with
 * the assumption it rests on (independent judge errors on the two answers of a prompt). It never decides the gate:
 * under {@link JudgeCorrectionConfig.Mode#GATE} the gate decides on {@link CorrelationFreeBound}.
 *
 * @param config the correction's configuration (mode, Se, Sp, bootstrap)
 * @param result the corrected estimate with its bootstrap interval; empty when it could not be computed
 * @param note a caveat (e.g. that the correction is approximate for k &gt; 1) or, without a result, the reason;
 *             empty when there is nothing to add
 * @param bound the correlation-free bounds the gate decides on under {@code GATE} (also shown under {@code REPORT});
 *              empty when no prompt was scored
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record JudgeCorrected(JudgeCorrectionConfig config, Optional<JudgeCorrection.Result> result, String note,
                             Optional<CorrelationFreeBound> bound) {

    public JudgeCorrected {
        result = result == null ? Optional.empty() : result;
        note = note == null ? "" : note;
        bound = bound == null ? Optional.empty() : bound;
    }

    /** A reading without the correlation-free bound. */
    public JudgeCorrected(JudgeCorrectionConfig config, Optional<JudgeCorrection.Result> result, String note) {
        this(config, result, note, Optional.empty());
    }

    /** The same reading with the correlation-free bound attached. */
    JudgeCorrected withBound(CorrelationFreeBound b) {
        return new JudgeCorrected(config, result, note, Optional.of(b));
    }

    /** Whether the gate decided on a judge-corrected bound ({@link CorrelationFreeBound}). */
    public boolean gated() {
        return config.gated();
    }

    public double sensitivity() {
        return result.map(JudgeCorrection.Result::sensitivity).orElse(config.sensitivity());
    }

    public double specificity() {
        return result.map(JudgeCorrection.Result::specificity).orElse(config.specificity());
    }

    /** What the Rogan–Gladen estimate assumes, said wherever it is shown. */
    public static final String ASSUMPTION = "assumes the judge's errors on the two answers of a prompt are independent";

    /**
     * {@code Rogan–Gladen judge-corrected (Se 0.950, Sp 1.000; assumes …): 0.041 [0.010, 0.090] (95%, bootstrap,
     * Se/Sp fixed)}, then the note; or {@code … : not computed, <reason>}.
     */
    public String format() {
        String head = String.format(Locale.ROOT, "Rogan–Gladen judge-corrected (Se %.3f, Sp %.3f; %s): ", sensitivity(),
                specificity(), ASSUMPTION);
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
