package dev.fracture.core.geometry;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.geometry.internal.PercentileBootstrap;
import dev.fracture.core.stats.Interval;
import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The Stackelberg Response Frontier: the per-prompt (u, v) scatter and its two summaries.
 *
 * <p>Dominance is the share of prompts with v &gt; u, with a binomial interval (Wilson by default):
 * it is a share of independent prompts, and unlike a percentile bootstrap the binomial interval does
 * not collapse to a point when every prompt lies on one side. The median lift is the median of v − u
 * with a percentile bootstrap interval over prompts (B and seed from {@link GeometryOptions}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class StackelbergFrontier {
    private StackelbergFrontier() {
    }

    /** The frontier points of the scored outcomes; errored prompts have no (u, v) and are left out. */
    public static List<FrontierPoint> points(Collection<PromptOutcome> outcomes) {
        return outcomes.stream()
                .filter(o -> !o.isError())
                .map(o -> new FrontierPoint(o.promptId(), o.u(), o.v()))
                .toList();
    }

    public static FrontierStats stats(List<FrontierPoint> points) {
        return stats(points, GeometryOptions.defaults());
    }

    /**
     * Dominance and median lift with their intervals.
     *
     * @throws IllegalArgumentException when there are no points
     */
    public static FrontierStats stats(List<FrontierPoint> points, GeometryOptions options) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("the Stackelberg Response Frontier needs at least one scored prompt;"
                    + " got none (every prompt errored or the pool is empty)");
        }
        int n = points.size();
        int above = 0;
        double[] lifts = new double[n];
        for (int i = 0; i < n; i++) {
            FrontierPoint p = points.get(i);
            lifts[i] = p.lift();
            above += p.v() > p.u() ? 1 : 0;
        }
        Interval dominance = options.method().interval(above, n, options.confidence());
        return new FrontierStats((double) above / n, dominance, PercentileBootstrap.median(lifts),
                PercentileBootstrap.medianInterval(lifts, options), n);
    }
}
