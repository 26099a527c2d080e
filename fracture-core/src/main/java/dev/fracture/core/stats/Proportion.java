package dev.fracture.core.stats;

import java.util.Locale;
import org.apiguardian.api.API;

/** A count out of a total, its point estimate and its confidence interval. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Proportion(int count, int total, Interval interval) {

    public Proportion {
        if (count < 0 || count > total) {
            throw new IllegalArgumentException("need 0 <= count <= total, got " + count + "/" + total);
        }
    }

    public static Proportion of(int count, int total, double confidence, IntervalMethod method) {
        return new Proportion(count, total, method.interval(count, total, confidence));
    }

    /** {@code count / total}, or 0 when the total is 0 (the interval is then [0, 1]). */
    public double estimate() {
        return total == 0 ? 0.0 : (double) count / total;
    }

    public double lower() {
        return interval.lower();
    }

    public double upper() {
        return interval.upper();
    }

    /** {@code 0.031 [0.012, 0.064] (95%, Wilson)}. */
    public String format() {
        return String.format(Locale.ROOT, "%.3f %s", estimate(), interval.format());
    }
}
