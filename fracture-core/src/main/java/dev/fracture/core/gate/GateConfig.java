package dev.fracture.core.gate;

import dev.fracture.core.internal.Check;
import dev.fracture.core.stats.IntervalMethod;
import org.apiguardian.api.API;

/**
 * The inputs of a gate.
 *
 * @param budget the maximum acceptable FRACTURE, in [0, 1]
 * @param policy upper-bound (default) or point-estimate
 * @param confidence the two-sided confidence level of the interval, in (0, 1)
 * @param method the interval method
 * @param minPrompts the minimum number of scored prompts below which the gate is INCONCLUSIVE
 * @param maxErrorShare the largest share of errored prompts that still allows PASS or FAIL, in [0, 1]
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record GateConfig(double budget, GatePolicy policy, double confidence, IntervalMethod method, int minPrompts,
                         double maxErrorShare) {

    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final int DEFAULT_MIN_PROMPTS = 30;
    public static final double DEFAULT_MAX_ERROR_SHARE = 0.05;

    public GateConfig {
        Check.closedUnit("budget", budget);
        if (policy == null) {
            throw new IllegalArgumentException("gate policy must not be null; allowed: upper-bound, point-estimate");
        }
        Check.openUnit("confidence", confidence);
        if (method == null) {
            throw new IllegalArgumentException("interval method must not be null; allowed: wilson, clopper-pearson");
        }
        Check.atLeast("minimum prompts", minPrompts, 1);
        Check.closedUnit("maximum error share", maxErrorShare);
    }

    /** Upper-bound policy, 95% Wilson, at least 30 prompts, at most 5% errors. */
    public static GateConfig of(double budget) {
        return new GateConfig(budget, GatePolicy.UPPER_BOUND, DEFAULT_CONFIDENCE, IntervalMethod.WILSON,
                DEFAULT_MIN_PROMPTS, DEFAULT_MAX_ERROR_SHARE);
    }
}
