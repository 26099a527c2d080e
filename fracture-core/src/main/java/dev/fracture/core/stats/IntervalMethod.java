package dev.fracture.core.stats;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apiguardian.api.API;

/**
 * How a binomial confidence interval is computed. Both come from Apache Commons Statistics.
 *
 * <p>{@link #WILSON}: the Wilson score interval; close to nominal coverage on average, recommended by
 * Brown, Cai and DasGupta (2001). {@link #CLOPPER_PEARSON}: the exact interval; coverage never below
 * nominal, wider.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum IntervalMethod {
    WILSON("Wilson", BinomialConfidenceInterval.WILSON_SCORE),
    CLOPPER_PEARSON("Clopper-Pearson", BinomialConfidenceInterval.CLOPPER_PEARSON);

    private final String displayName;
    private final BinomialConfidenceInterval impl;

    IntervalMethod(String displayName, BinomialConfidenceInterval impl) {
        this.displayName = displayName;
        this.impl = impl;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses {@code wilson} or {@code clopper-pearson} (case and separator insensitive). */
    public static IntervalMethod parse(String text) {
        String t = text.trim().replace('-', '_').replace(' ', '_');
        for (IntervalMethod m : values()) {
            if (m.name().equalsIgnoreCase(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown interval method '" + text + "'; allowed: wilson, clopper-pearson");
    }

    /** The two-sided interval for {@code successes} out of {@code trials} at the given confidence level. */
    public Interval interval(int successes, int trials, double confidence) {
        dev.fracture.core.internal.Check.openUnit("confidence", confidence);
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes/trials = " + successes + "/" + trials
                    + " is outside the allowed range 0 <= successes <= trials");
        }
        if (trials == 0) {
            return new Interval(0.0, 1.0, confidence, this);
        }
        org.apache.commons.statistics.interval.Interval ci = impl.fromErrorRate(trials, successes, 1.0 - confidence);
        // At 0/N the exact lower bound is 0 and at N/N the upper bound is 1; the library's Wilson returns
        // them with rounding noise (1e-19, 1 - 1e-16), which would show as "lower > 0" after zero flips.
        double lower = successes == 0 ? 0.0 : Math.max(0.0, ci.getLowerBound());
        double upper = successes == trials ? 1.0 : Math.min(1.0, ci.getUpperBound());
        return new Interval(lower, upper, confidence, this);
    }
}
