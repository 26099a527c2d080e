package dev.fracture.core.stats;

import dev.fracture.core.PlaceboCounts;
import dev.fracture.core.internal.Numbers;
import org.apiguardian.api.API;

/**
 * The difference of two proportions measured on the same prompts, with Newcombe's (1998) hybrid score
 * interval for paired data ("method 10"), built from the two Wilson intervals and the phi correlation.
 *
 * <p>Used for the placebo-corrected FRACTURE: P(flip train→deploy) − P(flip placebo→deploy). The interval is
 * valid for that difference; since train and deploy share seeds and the placebo arm does not, the difference
 * is a lower bound on the flips the regime explains.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PairedDifference(double estimate, double lower, double upper, double level) {

    /**
     * Newcombe method 10 for the 2×2 paired table, where the first proportion is
     * {@code (both + regimeOnly) / n} and the second {@code (both + placeboOnly) / n}.
     */
    public static PairedDifference of(PlaceboCounts t, double confidence) {
        int n = t.total();
        if (n == 0) {
            return new PairedDifference(0.0, -1.0, 1.0, confidence);
        }
        int a = t.both();
        int b = t.regimeOnly();
        int c = t.placeboOnly();
        int d = t.neither();
        double p1 = (double) (a + b) / n;
        double p2 = (double) (a + c) / n;
        dev.fracture.core.internal.Check.openUnit("confidence", confidence);
        Interval w1 = IntervalMethod.WILSON.interval(a + b, n, confidence);
        Interval w2 = IntervalMethod.WILSON.interval(a + c, n, confidence);
        double phi = phi(a, b, c, d);
        double theta = (double) (b - c) / n; // exact, where p1 - p2 can be off by an ulp
        double dl1 = p1 - w1.lower();
        double du1 = w1.upper() - p1;
        double dl2 = p2 - w2.lower();
        double du2 = w2.upper() - p2;
        double lower = theta - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
        double upper = theta + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
        return new PairedDifference(theta, Math.max(-1.0, lower), Math.min(1.0, upper), confidence);
    }

    /**
     * Newcombe's estimate of the correlation between the two proportions: the phi coefficient with its
     * numerator {@code ad − bc} shrunk towards zero by {@code n/2} when positive (and set to 0 when it
     * lies in {@code [0, n/2]}), as published for method 10; negative numerators are kept. 0 when a
     * margin is empty. The shrinkage keeps a positive correlation from narrowing the interval too much.
     */
    static double phi(int a, int b, int c, int d) {
        double denominator = Math.sqrt((double) (a + b) * (c + d) * (a + c) * (b + d));
        if (denominator == 0) {
            return 0.0;
        }
        double n = (double) a + b + c + d;
        double numerator = (double) a * d - (double) b * c;
        if (numerator > n / 2) {
            numerator -= n / 2;
        } else if (numerator >= 0) {
            numerator = 0;
        }
        return numerator / denominator;
    }

    public String format() {
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f] (%s, Newcombe paired)", estimate, lower,
                upper, Numbers.percent(level));
    }
}
