package dev.fracture.reports.internal;

import dev.fracture.core.geometry.BootstrapInterval;
import dev.fracture.core.geometry.FrontierPoint;
import dev.fracture.core.geometry.FrontierStats;
import dev.fracture.core.geometry.GeometryOptions;
import dev.fracture.core.geometry.StackelbergFrontier;
import dev.fracture.core.stats.Interval;
import dev.fracture.reports.summary.PointTable;
import dev.fracture.reports.summary.RunSummary;
import java.util.List;

/** The Stackelberg Response Frontier section: the points and the core's dominance and median lift. */
public final class FrontierMath {
    /** The {@code method} of a bootstrap interval in the summary. */
    public static final String BOOTSTRAP = "percentile-bootstrap";

    private FrontierMath() {
    }

    /**
     * The frontier over {@code points}; dominance and median lift are computed by
     * {@link StackelbergFrontier#stats} over the points of {@code cue} (all points when none has that cue).
     * Null when there are no points.
     *
     * <p>The points are sorted by (cue, id) first: the bootstrap resamples by position, so the same prompts
     * must give the same interval whichever order they arrived in (threads, shards).
     */
    public static RunSummary.Frontier frontier(List<RunSummary.Point> points, String cue, GeometryOptions options) {
        if (points.isEmpty()) {
            return null;
        }
        PointTable sorted = PointTable.of(points);
        int[] own = sorted.rows(cue);
        int from = own[0] == own[1] ? 0 : own[0];
        int to = own[0] == own[1] ? sorted.size() : own[1];
        // The core reads u and v of each point in turn: the points are built one at a time from the columns.
        List<FrontierPoint> basis = new java.util.AbstractList<>() {
            @Override
            public FrontierPoint get(int i) {
                return new FrontierPoint(sorted.id(from + i), sorted.u(from + i), sorted.v(from + i));
            }

            @Override
            public int size() {
                return to - from;
            }
        };
        FrontierStats stats = StackelbergFrontier.stats(basis, options);
        Interval d = stats.dominanceInterval();
        BootstrapInterval l = stats.medianLiftInterval();
        return new RunSummary.Frontier(own[0] == own[1] ? "*" : cue, stats.dominance(), stats.medianLift(), sorted,
                stats.n(), new RunSummary.Bounds(d.lower(), d.upper(), d.level(), SummaryMapping.methodKey(d.method())),
                new RunSummary.BootstrapBounds(l.lower(), l.upper(), l.level(), BOOTSTRAP, l.resamples(), l.seed()));
    }

    /** The core statistics a summary frontier was computed with (for the paper numbers). */
    static FrontierStats stats(RunSummary.Frontier f) {
        RunSummary.Bounds d = f.dominanceInterval();
        RunSummary.BootstrapBounds l = f.medianLiftInterval();
        return new FrontierStats(f.dominance(), new Interval(d.lower(), d.upper(), d.level(),
                dev.fracture.core.stats.IntervalMethod.parse(d.method())), f.medianLift(),
                new BootstrapInterval(l.lower(), l.upper(), l.level(), l.resamples(), l.seed()), f.n());
    }
}
