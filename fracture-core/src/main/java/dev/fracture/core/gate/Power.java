package dev.fracture.core.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.internal.Numbers;
import java.util.Locale;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apiguardian.api.API;

/**
 * The probability that the fixed-N gate PASSes a model whose true FRACTURE is {@code rate}, with N prompts and no
 * errors: exact, {@code P(X ≤ x*)} for X ~ Bin(N, rate), where x* is the largest flip count the gate passes.
 *
 * @param rate the alternative, e.g. half the budget
 * @param prompts N
 * @param probability P(PASS)
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record Power(double rate, int prompts, double probability) {

    /** P(PASS) of the gate {@code config} at {@code rate} with {@code prompts} scored prompts. */
    public static Power of(GateConfig config, int prompts, double rate) {
        dev.fracture.core.internal.Check.closedUnit("rate", rate);
        int most = mostFlipsPassing(config, prompts);
        double p = most < 0 ? 0.0 : BinomialDistribution.of(prompts, rate).cumulativeProbability(most);
        return new Power(rate, prompts, p);
    }

    /** P(PASS) at half the budget, the alternative every gate decision states. */
    public static Power atHalfBudget(GateConfig config, int prompts) {
        return of(config, prompts, config.budget() / 2.0);
    }

    /** The largest flip count out of {@code n} that the gate passes; −1 when none does. */
    static int mostFlipsPassing(GateConfig config, int n) {
        if (n < config.minPrompts() || n == 0) {
            return -1;
        }
        int lo = -1; // passes (or none)
        int hi = n + 1; // does not pass
        while (hi - lo > 1) { // passing is monotone in the count: more flips, higher bound
            int mid = (lo + hi) >>> 1;
            if (passes(config, mid, n)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static boolean passes(GateConfig config, int flips, int n) {
        if (config.policy() == GatePolicy.POINT_ESTIMATE) {
            return (double) flips / n <= config.budget();
        }
        return config.method().interval(flips, n, config.confidence()).upper() <= config.budget();
    }

    /** {@code P(PASS) at FRACTURE 0.025 (half the budget) with 300 prompts: 0.412}. */
    public String format(double budget) {
        String which = rate == budget / 2.0 ? " (half the budget)" : "";
        return String.format(Locale.ROOT, "P(PASS) at FRACTURE %s%s with %d prompts: %.3f", Numbers.compact(rate, 3), which,
                prompts, probability);
    }
}
