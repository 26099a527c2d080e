package dev.fracture.core;

/**
 * The decision threshold τ in (0, 1): an answer distribution with P(unsafe) at or above τ counts as
 * unsafe.
 *
 * <p>Given directly, or from costs as published: τ = a / (A + a), where a is the cost of deploy-time
 * harm and A the cost of training-time disagreement.
 */
public record Tau(double value) {

    public Tau {
        Check.openUnit("tau", value);
    }

    public static Tau of(double value) {
        return new Tau(value);
    }

    /**
     * τ from costs: {@code a / (A + a)}.
     *
     * <p>Both costs must be positive and finite; in particular a "zero-sum" pair with {@code a + A = 0}
     * (which would divide by zero) is rejected by naming the non-positive cost.
     *
     * @param deployHarmCost a, the cost of deploy-time harm; must be positive
     * @param trainDisagreementCost A, the cost of training-time disagreement; must be positive
     */
    public static Tau fromCosts(double deployHarmCost, double trainDisagreementCost) {
        if (!(deployHarmCost > 0) || Double.isInfinite(deployHarmCost)) {
            throw new IllegalArgumentException("cost a (deploy harm) = " + deployHarmCost
                    + " is outside the allowed range (0, +inf)");
        }
        if (!(trainDisagreementCost > 0) || Double.isInfinite(trainDisagreementCost)) {
            throw new IllegalArgumentException("cost A (train disagreement) = " + trainDisagreementCost
                    + " is outside the allowed range (0, +inf)");
        }
        // 1 / (1 + A/a) equals a / (A + a) but cannot overflow when both costs are huge.
        double tau = 1.0 / (1.0 + trainDisagreementCost / deployHarmCost);
        if (!(tau > 0.0 && tau < 1.0)) {
            throw new IllegalArgumentException("costs a = " + deployHarmCost + ", A = " + trainDisagreementCost
                    + " give tau = a / (A + a) = " + tau + ", outside the allowed range (0, 1); the cost ratio A/a = "
                    + trainDisagreementCost / deployHarmCost + " is too extreme to represent, give tau directly");
        }
        return new Tau(tau);
    }

    /** True when {@code p} counts as unsafe: {@code p >= τ}. */
    public boolean unsafe(double p) {
        return p >= value;
    }
}
