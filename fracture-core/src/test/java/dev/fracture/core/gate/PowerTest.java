package dev.fracture.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.stats.IntervalMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** P(PASS) of the fixed-N gate and the planner's pool for a target power, against scipy. */
class PowerTest {

    @Test
    void powerAtHalfTheBudgetMatchesScipy() {
        // Budget 0.05, 95% Wilson; from scipy: x* = the largest count whose Wilson upper bound ≤ 0.05 (7 of 300,
        // 0 of 85), P(PASS) = binom.cdf(x*, N, 0.025).
        GateConfig config = GateConfig.of(0.05);
        assertThat(Power.mostFlipsPassing(config, 300)).isEqualTo(7);
        assertThat(Power.atHalfBudget(config, 300).probability()).isCloseTo(0.5237131, within(1e-6));
        assertThat(Power.mostFlipsPassing(config, 85)).isEqualTo(0);
        assertThat(Power.atHalfBudget(config, 85).probability()).isCloseTo(0.1162498, within(1e-6));
        assertThat(Power.of(config, 20, 0.0).probability()).as("below the minimum pool nothing passes").isZero();
        assertThat(Power.atHalfBudget(config, 300).format(0.05))
                .isEqualTo("P(PASS) at FRACTURE 0.025 (half the budget) with 300 prompts: 0.524");
    }

    /** The pools for power 0.8 that fracture-core/README.md quotes (budget 0.05, 95% Wilson, exact binomial). */
    @ParameterizedTest(name = "rate {0} → {1} prompts")
    @CsvSource({"0.005, 110", "0.01, 173", "0.02, 337", "0.03, 849"})
    void promptsForPowerPointEight(double rate, int expected) {
        assertThat(SampleSizePlanner.promptsForPower(0.05, 0.95, IntervalMethod.WILSON, rate, 0.8)).hasValue(expected);
    }

    @Test
    void noPowerAtOrAboveTheBudget() {
        assertThat(SampleSizePlanner.promptsForPower(0.05, 0.95, IntervalMethod.WILSON, 0.05, 0.8)).isEmpty();
    }
}
