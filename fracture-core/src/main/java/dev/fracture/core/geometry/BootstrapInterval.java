package dev.fracture.core.geometry;

import dev.fracture.core.internal.Numbers;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A percentile bootstrap interval over prompts.
 *
 * @param level the two-sided confidence level
 * @param resamples B, the number of resamples it was computed from
 * @param seed the seed of the resampling, so a report can be reproduced
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record BootstrapInterval(double lower, double upper, double level, int resamples, long seed) {

    public BootstrapInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("bootstrap interval lower " + lower + " is above upper " + upper);
        }
    }

    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }

    /** {@code [0.100, 0.400] (95%, percentile bootstrap, B=2000)}. */
    public String format() {
        return String.format(Locale.ROOT, "[%.3f, %.3f] (%s, percentile bootstrap, B=%d)", lower, upper,
                Numbers.percent(level), resamples);
    }
}
