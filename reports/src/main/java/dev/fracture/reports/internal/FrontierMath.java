package dev.fracture.reports.internal;

import dev.fracture.core.geometry.BootstrapInterval;
import dev.fracture.core.geometry.FrontierPoint;
import dev.fracture.core.geometry.FrontierStats;
import dev.fracture.core.geometry.GeometryOptions;
import dev.fracture.core.geometry.StackelbergFrontier;
import dev.fracture.core.stats.Interval;
import dev.fracture.reports.summary.RunSummary;
import java.util.Comparator;
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
        List<RunSummary.Point> sorted = points.stream()
                .sorted(Comparator.comparing(RunSummary.Point::cue).thenComparing(RunSummary.Point::id)).toList();
        List<RunSummary.Point> own = sorted.stream().filter(p -> p.cue().equals(cue)).toList();
        List<RunSummary.Point> basis = own.isEmpty() ? sorted : own;
        FrontierStats stats = StackelbergFrontier.stats(
                basis.stream().map(p -> new FrontierPoint(p.id(), p.u(), p.v())).toList(), options);
        Interval d = stats.dominanceInterval();
        BootstrapInterval l = stats.medianLiftInterval();
        return new RunSummary.Frontier(own.isEmpty() ? "*" : cue, stats.dominance(), stats.medianLift(), sorted,
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
