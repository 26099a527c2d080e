package dev.fracture.core.gate;

import static dev.fracture.core.stats.ReferenceBinomial.Z95;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.stats.Interval;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.ReferenceBinomial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The planner against a linear scan over N with this test's own Wilson closed form, and against the
 * Clopper–Pearson closed forms at rates 0 and 1.
 */
class SampleSizePlannerTest {

    /** Smallest N at which the 95% Wilson bound at rate·N flips decides, by plain scanning. */
    private static int scanWilson(double rate, double budget) {
        for (int n = 1; n < 10_000_000; n++) {
            if (rate < budget ? ReferenceBinomial.wilsonUpper(rate * n, n, Z95) <= budget
                    : ReferenceBinomial.wilsonLower(rate * n, n, Z95) > budget) {
                return n;
            }
        }
        throw new AssertionError("no N found");
    }

    @ParameterizedTest(name = "Wilson: rate {0} vs budget {1} → {2} prompts")
    @CsvSource({
            "0.03, 0.05, 457",  // the gate's 9/300 example
            "0.0,  0.05, 73",   // z²/(N + z²) ≤ 0.05 ⇔ N ≥ 19 z² = 72.99
            "0.02, 0.05, 203",
            "0.0,  0.50, 4",
            "0.5,  1.0,  1",    // budget 1: any upper bound is within it
            "0.10, 0.0,  1"})   // budget 0: any non-zero rate fails at once
    void wilsonMatchesALinearScan(double rate, double budget, int expected) {
        assertThat(scanWilson(rate, budget)).isEqualTo(expected);
        assertThat(SampleSizePlanner.promptsNeeded(budget, 0.95, IntervalMethod.WILSON, rate)).hasValue(expected);
    }

    /** FAIL stands on the exact lower bound whatever the method; expected N from scipy's beta.ppf scan. */
    @ParameterizedTest(name = "FAIL: rate {0} vs budget {1} → {2} prompts")
    @CsvSource({"0.10, 0.05, 105", "0.20, 0.10, 50"})
    void failUsesTheClopperPearsonLowerBound(double rate, double budget, int expected) {
        assertThat(SampleSizePlanner.promptsNeeded(budget, 0.95, IntervalMethod.WILSON, rate)).hasValue(expected);
        assertThat(SampleSizePlanner.promptsNeeded(budget, 0.95, IntervalMethod.CLOPPER_PEARSON, rate))
                .hasValue(expected);
    }

    @Test
    void wilsonAtRateZeroIsTheClosedForm() {
        for (double budget : new double[] {0.2, 0.05, 0.01, 0.001}) {
            int expected = (int) Math.ceil(Z95 * Z95 * (1 / budget - 1) - 1e-9);
            assertThat(SampleSizePlanner.promptsNeeded(budget, 0.95, IntervalMethod.WILSON, 0.0)).hasValue(expected);
        }
    }

    @ParameterizedTest(name = "Clopper-Pearson at rate 0, budget {0} → {1}")
    @CsvSource({"0.05, 72", "0.01, 368"})
    void clopperPearsonAtRateZero(double budget, int expected) {
        // Upper bound at 0/N is 1 − (α/2)^(1/N) ≤ b ⇔ N ≥ ln(α/2) / ln(1 − b).
        assertThat((int) Math.ceil(Math.log(0.025) / Math.log(1 - budget))).isEqualTo(expected);
        assertThat(SampleSizePlanner.promptsNeeded(budget, 0.95, IntervalMethod.CLOPPER_PEARSON, 0.0))
                .hasValue(expected);
    }

    @ParameterizedTest(name = "Clopper-Pearson at rate 1, budget {0} → {1}")
    @CsvSource({"0.9, 36", "0.5, 6"})
    void clopperPearsonAtRateOne(double budget, int expected) {
        // Lower bound at N/N is (α/2)^(1/N) > b ⇔ N > ln(α/2) / ln(b).
        assertThat((int) Math.floor(Math.log(0.025) / Math.log(budget)) + 1).isEqualTo(expected);
        assertThat(SampleSizePlanner.promptsNeeded(budget, 0.95, IntervalMethod.CLOPPER_PEARSON, 1.0))
                .hasValue(expected);
    }

    @ParameterizedTest(name = "{0}: rate {1} vs budget {2}")
    @CsvSource({"WILSON, 0.03, 0.05", "CLOPPER_PEARSON, 0.03, 0.05", "CLOPPER_PEARSON, 0.12, 0.05",
            "WILSON, 0.12, 0.05", "CLOPPER_PEARSON, 0.005, 0.02"})
    void answerIsTheFirstDecidingPoolAndEveryLargerOneDecidesToo(IntervalMethod method, double rate, double budget) {
        int n = SampleSizePlanner.promptsNeeded(budget, 0.95, method, rate).orElseThrow();
        for (int m = 1; m < n; m++) {
            assertThat(SampleSizePlanner.decides(m, budget, 0.95, method, rate)).as("N = %d", m).isFalse();
        }
        for (int m = n; m < 3 * n; m++) {
            assertThat(SampleSizePlanner.decides(m, budget, 0.95, method, rate)).as("N = %d", m).isTrue();
        }
    }

    @Test
    void fractionalBoundsAgreeWithTheGateIntervalsAtWholeCounts() {
        int[][] cases = {{0, 40}, {3, 100}, {9, 300}, {50, 200}, {20, 20}};
        for (IntervalMethod method : IntervalMethod.values()) {
            for (int[] c : cases) {
                double rate = (double) c[0] / c[1];
                Interval i = method.interval(c[0], c[1], 0.95);
                assertThat(SampleSizePlanner.upper(method, rate, c[1], 0.95)).as("%s %d/%d", method, c[0], c[1])
                        .isCloseTo(i.upper(), within(1e-10));
                assertThat(SampleSizePlanner.lower(method, rate, c[1], 0.95)).as("%s %d/%d", method, c[0], c[1])
                        .isCloseTo(i.lower(), within(1e-10));
            }
        }
    }

    @Test
    void undecidableCasesAreEmpty() {
        for (IntervalMethod method : IntervalMethod.values()) {
            assertThat(SampleSizePlanner.promptsNeeded(0.05, 0.95, method, 0.05)).as("rate == budget").isEmpty();
            assertThat(SampleSizePlanner.promptsNeeded(0.0, 0.95, method, 0.0)).as("budget 0 cannot pass").isEmpty();
            assertThat(SampleSizePlanner.promptsNeeded(1.0, 0.95, method, 1.0)).as("budget 1 cannot fail").isEmpty();
            // A rate a hair below the budget would need far more than MAX_PROMPTS.
            assertThat(SampleSizePlanner.promptsNeeded(0.05, 0.95, method, 0.05 - 1e-7)).isEmpty();
        }
    }

    @Test
    void closerToTheBudgetOrMoreConfidentNeedsMore() {
        int far = SampleSizePlanner.promptsNeeded(0.05, 0.95, IntervalMethod.WILSON, 0.01).orElseThrow();
        int near = SampleSizePlanner.promptsNeeded(0.05, 0.95, IntervalMethod.WILSON, 0.04).orElseThrow();
        int strict = SampleSizePlanner.promptsNeeded(0.05, 0.99, IntervalMethod.WILSON, 0.01).orElseThrow();
        assertThat(near).isGreaterThan(far);
        assertThat(strict).isGreaterThan(far);
        assertThat(SampleSizePlanner.promptsNeeded(0.05, 0.95, IntervalMethod.CLOPPER_PEARSON, 0.04).orElseThrow())
                .isGreaterThan(near); // exact intervals are wider away from the boundary
    }
}
