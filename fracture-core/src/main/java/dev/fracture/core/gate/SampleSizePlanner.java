package dev.fracture.core.gate;

import dev.fracture.core.internal.Check;
import dev.fracture.core.stats.IntervalMethod;
import java.util.OptionalInt;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apiguardian.api.API;

/**
 * How many prompts a budget needs: the smallest N at which a pool that observes the assumed flip rate
 * would make the gate decide.
 *
 * <p>To PASS (rate below the budget) the interval's upper bound at {@code rate·N} flips must be at most
 * the budget; to FAIL (rate above the budget) its lower bound must exceed it. The flip count
 * {@code rate·N} is used as it is, not rounded: rounding to whole flips makes the bound a sawtooth in N
 * (it jumps up each time one more flip is due), so "the first N that decides" would be a lucky pool size
 * followed by larger ones that do not. With the unrounded count both bounds move monotonically towards
 * the rate as N grows, so the answer is a clean threshold (every larger pool decides too) and a
 * bisection finds it exactly. The bounds are the same formulas the gate's intervals use (Wilson's score
 * interval; Clopper–Pearson's Beta quantiles), evaluated at a fractional count.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SampleSizePlanner {

    /** Above this many prompts the planner reports "not reachable". */
    public static final int MAX_PROMPTS = 100_000_000;

    private SampleSizePlanner() {
    }

    /**
     * Prompts needed for the gate to PASS (rate &lt; budget) or FAIL (rate &gt; budget); empty when the
     * rate equals the budget, or when no pool up to {@link #MAX_PROMPTS} prompts would decide. With budget
     * 0 the gate can never PASS (an upper bound is always above 0), so rate 0 gives empty.
     *
     * <p>This is the planner alone; the gate additionally never decides below its minimum pool size.
     */
    public static OptionalInt promptsNeeded(double budget, double confidence, IntervalMethod method,
                                            double assumedRate) {
        Check.closedUnit("budget", budget);
        Check.openUnit("confidence", confidence);
        Check.closedUnit("assumed rate", assumedRate);
        if (method == null) {
            throw new IllegalArgumentException("interval method must not be null; allowed: wilson, clopper-pearson");
        }
        if (assumedRate == budget || !decides(MAX_PROMPTS, budget, confidence, method, assumedRate)) {
            return OptionalInt.empty();
        }
        int lo = 0; // invariant: lo does not decide (0 prompts never do), hi does
        int hi = 1;
        while (!decides(hi, budget, confidence, method, assumedRate)) {
            lo = hi;
            hi = (int) Math.min((long) hi * 2, MAX_PROMPTS);
        }
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (decides(mid, budget, confidence, method, assumedRate)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return OptionalInt.of(hi);
    }

    /**
     * Prompts needed for the gate to PASS a model whose true FRACTURE is {@code rate} with probability at least
     * {@code target} (e.g. 0.8): the smallest N from which P(PASS) (exact binomial, {@link Power}) stays at or
     * above the target for every larger pool up to twice N plus 1000. P(PASS) is a sawtooth in N (it drops each
     * time one more flip becomes due), so the first N that reaches the target can be followed by pools that do
     * not; this answer is past the last such dip. Ignores the gate's minimum pool size. Empty when the rate is not
     * below the budget or no pool up to 1,000,000 reaches the target.
     */
    public static OptionalInt promptsForPower(double budget, double confidence, IntervalMethod method, double rate,
                                              double target) {
        Check.closedUnit("budget", budget);
        Check.openUnit("confidence", confidence);
        Check.closedUnit("assumed rate", rate);
        Check.openUnit("target power", target);
        if (!(rate < budget)) {
            return OptionalInt.empty();
        }
        GateConfig config = new GateConfig(budget, GatePolicy.UPPER_BOUND, confidence, method, 1, 0.0);
        int limit = 1_000_000;
        int lastBelow = 0;
        int most = -1;
        for (int n = 1; n <= limit; n++) {
            while (most + 1 <= n && Power.passes(config, most + 1, n)) {
                most++;
            }
            double p = most < 0 ? 0.0 : BinomialDistribution.of(n, rate).cumulativeProbability(most);
            if (p < target) {
                lastBelow = n;
            } else if (n >= 2 * (lastBelow + 1) + 1000) {
                return OptionalInt.of(lastBelow + 1);
            }
        }
        return OptionalInt.empty();
    }

    static boolean decides(int n, double budget, double confidence, IntervalMethod method, double rate) {
        if (rate < budget) {
            return upper(method, rate, n, confidence) <= budget;
        }
        return lower(IntervalMethod.CLOPPER_PEARSON, rate, n, confidence) > budget; // the gate fails on CP
    }

    /** The two-sided interval's upper bound at {@code rate·n} flips out of n (fractional counts allowed). */
    static double upper(IntervalMethod method, double rate, int n, double confidence) {
        double alpha = 1.0 - confidence;
        if (method == IntervalMethod.WILSON) {
            return Math.min(1.0, wilsonCentre(rate, n, alpha) + wilsonHalfWidth(rate, n, alpha));
        }
        double x = rate * n;
        return rate >= 1.0 ? 1.0 : BetaDistribution.of(x + 1, n - x).inverseCumulativeProbability(1 - alpha / 2);
    }

    /** The two-sided interval's lower bound at {@code rate·n} flips out of n (fractional counts allowed). */
    static double lower(IntervalMethod method, double rate, int n, double confidence) {
        double alpha = 1.0 - confidence;
        if (method == IntervalMethod.WILSON) {
            return rate <= 0.0 ? 0.0 : Math.max(0.0, wilsonCentre(rate, n, alpha) - wilsonHalfWidth(rate, n, alpha));
        }
        double x = rate * n;
        return rate <= 0.0 ? 0.0 : BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(alpha / 2);
    }

    private static double wilsonCentre(double p, int n, double alpha) {
        double z2 = square(z(alpha));
        return (p + z2 / (2.0 * n)) / (1 + z2 / n);
    }

    private static double wilsonHalfWidth(double p, int n, double alpha) {
        double z = z(alpha);
        return z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
    }

    private static double z(double alpha) {
        return NormalDistribution.of(0, 1).inverseSurvivalProbability(alpha / 2);
    }

    private static double square(double x) {
        return x * x;
    }
}
