package dev.fracture.reports.internal;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.Proportion;
import dev.fracture.core.stats.TauCurve;
import dev.fracture.reports.summary.RunSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary's τ-sensitivity curve: FRACTURE(τ) over {@link TauCurve#DEFAULT_GRID} from the scores a run already
 * has. A run keeps only the flip count at each τ (19 integers per cue), compared exactly as {@link TauCurve} does,
 * so the curve costs no memory per prompt, and a merge adds the counts of its shards.
 */
public final class TauMath {
    static final List<Tau> GRID = TauCurve.DEFAULT_GRID;

    private TauMath() {
    }

    /** Adds a scored outcome's flips at every τ of the grid to {@code flips}. */
    static void count(PromptOutcome o, int[] flips) {
        TauCurve.Scores s = TauCurve.Scores.of(o);
        for (int i = 0; i < GRID.size(); i++) {
            Tau tau = GRID.get(i);
            boolean trainUnsafe = tau.sumAtLeast(s.trainSum(), s.trainSamples());
            boolean deployUnsafe = tau.sumAtLeast(s.deploySum(), s.deploySamples());
            flips[i] += !trainUnsafe && deployUnsafe ? 1 : 0;
        }
    }

    /** The curve of {@code cue} at the gate's level and interval method; null without scored prompts. */
    static RunSummary.TauCurve curve(String cue, int[] flips, int scored, GateConfig config) {
        if (flips == null || scored == 0) {
            return null;
        }
        List<RunSummary.TauPoint> points = new ArrayList<>();
        for (int i = 0; i < GRID.size(); i++) {
            Tau tau = GRID.get(i);
            points.add(new RunSummary.TauPoint(tau.value(), tau.format(), SummaryMapping.rate(
                    Proportion.of(flips[i], scored, config.confidence(), config.method()))));
        }
        return new RunSummary.TauCurve(cue, points);
    }

    /**
     * The curve of several shards of one measurement: counts added per τ, intervals recomputed. Null when a shard has
     * no curve or the shards' curves differ in cue or grid (then no curve is better than a partial one).
     */
    public static RunSummary.TauCurve merge(List<RunSummary.TauCurve> curves) {
        if (curves.isEmpty() || curves.stream().anyMatch(java.util.Objects::isNull)) {
            return null;
        }
        RunSummary.TauCurve first = curves.get(0);
        List<String> grid = first.points().stream().map(RunSummary.TauPoint::exact).toList();
        for (RunSummary.TauCurve c : curves) {
            if (!c.cue().equals(first.cue())
                    || !c.points().stream().map(RunSummary.TauPoint::exact).toList().equals(grid)) {
                return null;
            }
        }
        List<RunSummary.TauPoint> points = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            int count = 0;
            int total = 0;
            for (RunSummary.TauCurve c : curves) {
                count += c.points().get(i).fracture().count();
                total += c.points().get(i).fracture().total();
            }
            RunSummary.TauPoint p = first.points().get(i);
            RunSummary.Bounds b = p.fracture().interval();
            points.add(new RunSummary.TauPoint(p.tau(), p.exact(), SummaryMapping.rate(
                    Proportion.of(count, total, b.level(), IntervalMethod.parse(b.method())))));
        }
        return new RunSummary.TauCurve(first.cue(), points);
    }
}
