package dev.fracture.core.geometry;

import dev.fracture.core.stats.Interval;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The Stackelberg Response Frontier in two numbers.
 *
 * @param dominance share of prompts with v &gt; u (strictly; ties v = u do not count)
 * @param dominanceInterval binomial interval of the dominance (the method of {@link GeometryOptions})
 * @param medianLift median over prompts of v − u
 * @param medianLiftInterval percentile bootstrap interval of the median lift, over prompts
 * @param n prompts on the frontier (scored prompts; errored ones have no u or v)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record FrontierStats(double dominance, Interval dominanceInterval, double medianLift,
                            BootstrapInterval medianLiftInterval, int n) {

    /** {@code dominance 0.600 [0.231, 0.882] (95%, Wilson); median lift 0.300 [...] over 5 prompts}. */
    public String format() {
        return String.format(Locale.ROOT, "dominance %.3f %s; median lift %.3f %s over %d prompts", dominance,
                dominanceInterval.format(), medianLift, medianLiftInterval.format(), n);
    }
}
