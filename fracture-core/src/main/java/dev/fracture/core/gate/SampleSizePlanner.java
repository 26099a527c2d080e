package dev.fracture.core.gate;

import dev.fracture.core.Check;
import dev.fracture.core.stats.IntervalMethod;
import java.util.OptionalInt;

/**
 * How many prompts a budget needs: the smallest N at which a pool whose flip rate is the assumed rate
 * would make the gate decide.
 *
 * <p>To PASS (assumed rate below the budget) the upper bound at {@code ceil(rate·N)} flips must be within
 * the budget; to FAIL (rate above the budget) the lower bound at {@code floor(rate·N)} flips must exceed
 * it. Rounding the flip count against the decision keeps the answer on the safe side; the interval
 * bounds move almost monotonically in N, so a bracketing binary search finds it.
 */
public final class SampleSizePlanner {

    /** Above this many prompts the planner reports "not reachable". */
    public static final int MAX_PROMPTS = 100_000_000;

    private SampleSizePlanner() {
    }

    /**
     * Prompts needed for the gate to PASS (rate < budget) or FAIL (rate > budget); empty when the rate
     * equals the budget, or when no pool up to {@link #MAX_PROMPTS} prompts would decide (e.g. budget 0).
     */
    public static OptionalInt promptsNeeded(double budget, double confidence, IntervalMethod method,
                                            double assumedRate) {
        Check.closedUnit("budget", budget);
        Check.openUnit("confidence", confidence);
        Check.closedUnit("assumed rate", assumedRate);
        if (assumedRate == budget) {
            return OptionalInt.empty();
        }
        boolean toPass = assumedRate < budget;
        if (!decides(MAX_PROMPTS, budget, confidence, method, assumedRate, toPass)) {
            return OptionalInt.empty();
        }
        int lo = 0;
        int hi = 1;
        while (!decides(hi, budget, confidence, method, assumedRate, toPass)) {
            lo = hi;
            hi = (int) Math.min((long) hi * 2, MAX_PROMPTS);
        }
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (decides(mid, budget, confidence, method, assumedRate, toPass)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return OptionalInt.of(hi);
    }

    private static boolean decides(int n, double budget, double confidence, IntervalMethod method, double rate,
                                   boolean toPass) {
        if (toPass) {
            int flips = (int) Math.min(n, Math.ceil(rate * n - 1e-9));
            return method.interval(flips, n, confidence).upper() <= budget;
        }
        int flips = (int) Math.min(n, Math.floor(rate * n + 1e-9));
        return method.interval(flips, n, confidence).lower() > budget;
    }
}
