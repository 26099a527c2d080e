package dev.fracture.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.CellCounts;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.Tau;
import dev.fracture.core.stats.IntervalMethod;
import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * The FAIL side's error, exactly: with the true rate at the budget, P(FAIL) = Σ P(X = x) over the counts the gate
 * fails, computed from the binomial distribution (no simulation noise). The gate fails on the Clopper–Pearson
 * lower bound, so this stays within the one-sided α/2 = 0.025 for every budget and pool; the Wilson lower bound it
 * used before does not.
 */
class FailSideErrorTest {
    private static final double[] BUDGETS = {0.005, 0.01, 0.02, 0.05, 0.1};
    private static final int[] POOLS = {30, 50, 82, 100, 200, 300, 500, 1000, 2000};

    @Test
    void failingAModelAtTheBudgetStaysWithinHalfAlphaForEveryBudgetAndPool() {
        double worst = 0;
        for (double budget : BUDGETS) {
            for (int n : POOLS) {
                GateConfig config = GateConfig.of(budget); // 95% Wilson on the PASS side
                // FAIL is monotone in the count: find the smallest failing count through the gate itself.
                int lo = -1; // does not fail
                int hi = n + 1; // fails (n + 1: none does)
                while (hi - lo > 1) {
                    int mid = (lo + hi) >>> 1;
                    if (Gate.evaluate(result(mid, n), config).outcome() == GateOutcome.FAIL) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                assertThat(hi > n || Gate.evaluate(result(n, n), config).outcome() == GateOutcome.FAIL).isTrue();
                double pFail = hi > n ? 0.0 : BinomialDistribution.of(n, budget).survivalProbability(hi - 1);
                worst = Math.max(worst, pFail);
                assertThat(pFail).as("P(FAIL) at budget %s, N %d", budget, n).isLessThanOrEqualTo(0.025);
            }
        }
        assertThat(worst).isPositive();
    }

    @Test
    void wilsonsLowerBoundWouldFailTooOften() {
        // The reason for the change: Wilson's lower bound at budget 0.01, N = 100 fails at x >= 4 (lower 0.0157 by
        // the score formula), and P(X >= 4 | 100, 0.01) = 0.0184; at N = 300 the threshold x >= 8 gives 0.0113
        // … the worst cells over the grid exceed 0.025.
        double worst = 0;
        for (double budget : BUDGETS) {
            for (int n : POOLS) {
                BinomialDistribution at = BinomialDistribution.of(n, budget);
                double pFail = 0;
                for (int x = 0; x <= n; x++) {
                    if (IntervalMethod.WILSON.interval(x, n, 0.95).lower() > budget) {
                        pFail += at.probability(x);
                    }
                }
                worst = Math.max(worst, pFail);
            }
        }
        assertThat(worst).isGreaterThan(0.04);
    }

    @Test
    void theFailBoundIsTheBetaQuantile() {
        // Clopper–Pearson lower bound = Beta(x, n − x + 1) quantile at α/2, independently of the interval library.
        for (int x : new int[] {1, 5, 17, 60}) {
            double expected = BetaDistribution.of(x, 300 - x + 1).inverseCumulativeProbability(0.025);
            assertThat(Gate.failInterval(x, 300, 0.95).lower()).isCloseTo(expected,
                    org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    static FractureResult result(int flips, int n) {
        return new FractureResult("pool", Axis.SAFETY, DecoderConfig.greedy(1), Tau.of(0.5), "default", 0.95,
                IntervalMethod.WILSON, new CellCounts(n - flips, flips, 0, 0), 0, Optional.empty(), List.of(),
                List.of());
    }
}
