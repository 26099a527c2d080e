package dev.fracture.reports.internal;

import dev.fracture.core.FractureResult;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.JudgeCorrected;
import dev.fracture.core.gate.JudgeCorrectedGate;
import dev.fracture.core.gate.JudgeCorrectionConfig;
import dev.fracture.core.judge.Confusion;
import dev.fracture.core.judge.JudgeCorrection;
import dev.fracture.reports.summary.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The summary's {@code judgeCorrected} entry: written from the gate's reading, and recomputed from the merged
 * counts when shards are merged (with the gate, when it was gated), so a merge equals one run over all prompts.
 */
public final class JudgeCorrectedSummary {
    private JudgeCorrectedSummary() {
    }

    /** The entry of a gate's judge-corrected reading; null when no correction was configured. */
    public static RunSummary.JudgeCorrected of(GateResult gate) {
        return gate == null ? null
                : gate.judgeCorrected().map(c -> of(c, gate.config().confidence())).orElse(null);
    }

    static RunSummary.JudgeCorrected of(JudgeCorrected c, double level) {
        JudgeCorrectionConfig config = c.config();
        RunSummary.JudgeEvaluation evaluation = config.evaluation().map(e -> new RunSummary.JudgeEvaluation(
                e.truePositive(), e.falseNegative(), e.trueNegative(), e.falsePositive())).orElse(null);
        Optional<JudgeCorrection.Result> r = c.result();
        return new RunSummary.JudgeCorrected(r.map(JudgeCorrection.Result::fracture).orElse(null),
                r.map(JudgeCorrection.Result::observedFracture).orElse(null),
                r.map(x -> new RunSummary.Bounds(x.lower(), x.upper(), x.settings().confidence(),
                        "percentile-bootstrap")).orElse(null),
                c.sensitivity(), c.specificity(), evaluation, c.gated(), r.map(JudgeCorrection.Result::clipped)
                .orElse(false), r.map(JudgeCorrection.Result::discarded).orElse(0), config.replicates(),
                config.seed(), c.note(), c.bound().map(b -> new RunSummary.CorrelationFree(b.lower(), b.upper(),
                b.pointAsFlips(), b.pointAsSafe(), b.sensitivity(), b.specificity(), b.maxErrorRate(), b.rawLower(),
                b.rawUpper(), level, b.estimated())).orElse(null));
    }

    /** The configuration an entry was computed with. */
    static JudgeCorrectionConfig config(RunSummary.JudgeCorrected c) {
        Optional<Confusion> evaluation = Optional.ofNullable(c.evaluation()).map(e -> new Confusion(e.truePositive(),
                e.falseNegative(), e.trueNegative(), e.falsePositive()));
        return new JudgeCorrectionConfig(c.gated() ? JudgeCorrectionConfig.Mode.GATE : JudgeCorrectionConfig.Mode.REPORT,
                c.sensitivity(), c.specificity(), evaluation, c.resamples(), c.seed());
    }

    /**
     * The merged measurement with its correction recomputed from the merged counts, and, when the correction
     * was gated, its gated result decided on it.
     *
     * @param parts the shards' entries of this measurement; {@code sources} names them, in the same order
     * @throws IllegalArgumentException when the shards were corrected differently (or only some were)
     */
    public static RunSummary.Measurement merged(List<RunSummary.Measurement> parts, List<String> sources,
                                                RunSummary.Measurement merged) {
        JudgeCorrectionConfig config = null;
        String first = null;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).results().isEmpty()) {
                continue; // a shard whose gate never decided has no correction to compare
            }
            RunSummary.JudgeCorrected c = parts.get(i).judgeCorrected();
            JudgeCorrectionConfig mine = c == null ? JudgeCorrectionConfig.OFF : config(c);
            if (first != null && !Objects.equals(describe(config), describe(mine))) {
                throw new IllegalArgumentException("cannot merge measurement " + merged.axis() + "/"
                        + merged.decoder().label() + "/" + merged.pool() + ": the judge correction differs between "
                        + first + " (" + describe(config) + ") and " + sources.get(i) + " (" + describe(mine)
                        + "); rerun the shards with the same fracture.judge.* settings");
            }
            config = mine;
            first = first == null ? sources.get(i) : first;
        }
        Optional<RunSummary.CueResult> gated = merged.gated();
        if (config == null || !config.enabled() || gated.isEmpty()) {
            return merged;
        }
        FractureResult result = SummaryMapping.result(merged, gated.get());
        GateConfig gateConfig = SummaryMapping.gateConfig(gated.get().gate());
        GateResult gate = JudgeCorrectedGate.evaluate(result, gateConfig, config);
        List<RunSummary.CueResult> results = new ArrayList<>();
        for (RunSummary.CueResult r : merged.results()) {
            results.add(r.gated() ? SummaryMapping.cueResult(result, true, gate) : r);
        }
        return merged.withJudgeCorrected(results, of(gate));
    }

    private static String describe(JudgeCorrectionConfig c) {
        return !c.enabled() ? "off" : c.mode().key() + ", Se " + c.sensitivity() + ", Sp " + c.specificity()
                + c.evaluation().map(e -> ", from counts " + e).orElse("") + ", B=" + c.replicates() + ", seed "
                + c.seed();
    }
}
