package dev.fracture.core.geometry;

import dev.fracture.core.internal.Numbers;
import dev.fracture.core.stats.Interval;
import dev.fracture.core.stats.Proportion;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * One reported number with its interval, in a flat shape a summary file can serialise as is.
 *
 * <p>An undefined figure (e.g. Manifold Entry when no answer was judged unsafe) has {@code null}
 * estimate and bounds and says why in {@code note}; it is never reported as 0.
 *
 * @param name e.g. {@code fracture}, {@code srfMedianLift}
 * @param estimate the point estimate, or {@code null} when undefined
 * @param lower the interval's lower bound, or {@code null} when undefined
 * @param upper the interval's upper bound, or {@code null} when undefined
 * @param level the two-sided confidence level
 * @param method how the interval was computed, e.g. {@code Wilson}, {@code percentile bootstrap (B=2000)}
 * @param n the prompts it rests on
 * @param note what the number is measured at, or why it is undefined
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Figure(String name, Double estimate, Double lower, Double upper, double level, String method, int n,
                     String note) {

    /** A proportion with its binomial interval. */
    public static Figure of(String name, Proportion p, String note) {
        Interval ci = p.interval();
        return new Figure(name, p.estimate(), ci.lower(), ci.upper(), ci.level(), ci.method().displayName(),
                p.total(), note);
    }

    /** A median with its bootstrap interval. */
    public static Figure of(String name, double estimate, BootstrapInterval ci, int n, String note) {
        return new Figure(name, estimate, ci.lower(), ci.upper(), ci.level(),
                "percentile bootstrap (B=" + ci.resamples() + ", seed=" + ci.seed() + ")", n, note);
    }

    /** A number that has no value here, with the reason. */
    public static Figure undefined(String name, double level, int n, String reason) {
        return new Figure(name, null, null, null, level, "", n, reason);
    }

    public boolean defined() {
        return estimate != null;
    }

    /** {@code fracture 0.031 [0.012, 0.064] (95%, Wilson, n=200)} or {@code ... undefined: reason}. */
    public String format() {
        if (!defined()) {
            return name + " undefined: " + note;
        }
        return String.format(Locale.ROOT, "%s %.3f [%.3f, %.3f] (%s, %s, n=%d)%s", name, estimate, lower, upper,
                Numbers.percent(level), method, n, note.isEmpty() ? "" : " " + note);
    }
}
