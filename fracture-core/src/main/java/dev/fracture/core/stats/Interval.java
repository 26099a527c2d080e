package dev.fracture.core.stats;

import dev.fracture.core.internal.Numbers;
import java.util.Locale;
import org.apiguardian.api.API;

/** A two-sided confidence interval {@code [lower, upper]} with its level and method. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Interval(double lower, double upper, double level, IntervalMethod method) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval lower " + lower + " is above upper " + upper);
        }
    }

    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }

    /** {@code [0.012, 0.064] (95%, Wilson)}. */
    public String format() {
        return String.format(Locale.ROOT, "[%.3f, %.3f] (%s, %s)", lower, upper, Numbers.percent(level),
                method == null ? "paired" : method.displayName());
    }

}
