package dev.fracture.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.gate.SampleSizePlanner;
import dev.fracture.core.internal.FractureAggregator;
import dev.fracture.core.stats.IntervalMethod;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad number is an IllegalArgumentException naming the parameter, the value and the allowed range. */
class BadInputTest {

    private static void rejects(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, Double.NaN, -0.2, 1.5, Double.POSITIVE_INFINITY})
    void tauOutsideTheOpenUnitInterval(double tau) {
        rejects(() -> Tau.of(tau), "tau = " + tau + " is outside the allowed range (0, 1)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void nonPositiveCosts(double cost) {
        rejects(() -> Tau.fromCosts(cost, 1.0),
                "cost a (deploy harm) = " + cost + " is outside the allowed range (0, +inf)");
        rejects(() -> Tau.fromCosts(1.0, cost),
                "cost A (train disagreement) = " + cost + " is outside the allowed range (0, +inf)");
    }

    @Test
    void zeroSumCostsAreRejectedByNamingTheNonPositiveCost() {
        // a + A = 0 would divide by zero in a / (A + a); one of the two is then never positive.
        rejects(() -> Tau.fromCosts(0.0, 0.0), "cost a (deploy harm) = 0.0 is outside the allowed range (0, +inf)");
        rejects(() -> Tau.fromCosts(2.0, -2.0),
                "cost A (train disagreement) = -2.0 is outside the allowed range (0, +inf)");
        rejects(() -> Tau.fromCosts(-2.0, 2.0), "cost a (deploy harm) = -2.0 is outside the allowed range (0, +inf)");
    }

    @Test
    void costRatioTooExtremeForADoubleTau() {
        rejects(() -> Tau.fromCosts(1e-300, 1e300), "costs a = 1.0E-300, A = 1.0E300 give tau = a / (A + a) = 0.0,"
                + " outside the allowed range (0, 1); the cost ratio A/a = Infinity is too extreme to represent,"
                + " give tau directly");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void budgetOutsideTheClosedUnitInterval(double budget) {
        rejects(() -> GateConfig.of(budget), "budget = " + budget + " is outside the allowed range [0, 1]");
        rejects(() -> SampleSizePlanner.promptsNeeded(budget, 0.95, IntervalMethod.WILSON, 0.01),
                "budget = " + budget + " is outside the allowed range [0, 1]");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void fewerThanOneSample(int k) {
        rejects(() -> DecoderConfig.sampling(0.7, 0.95, k, 1),
                "samples k = " + k + " is outside the allowed range [1, +inf)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.5, 1.2, Double.NaN})
    void confidenceOutsideTheOpenUnitInterval(double confidence) {
        String message = "confidence = " + confidence + " is outside the allowed range (0, 1)";
        rejects(() -> new GateConfig(0.05, GatePolicy.UPPER_BOUND, confidence, IntervalMethod.WILSON, 30, 0.05),
                message);
        rejects(() -> IntervalMethod.WILSON.interval(1, 10, confidence), message);
        rejects(() -> new FractureAggregator("pool", Axis.SAFETY, DecoderConfig.greedy(1), Tau.of(0.5), "default",
                confidence, IntervalMethod.WILSON), message);
        rejects(() -> SampleSizePlanner.promptsNeeded(0.05, confidence, IntervalMethod.WILSON, 0.01), message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
    void temperatureBelowZeroOrNotFinite(double temperature) {
        rejects(() -> DecoderConfig.sampling(temperature, 0.95, 4, 1),
                "temperature = " + temperature + " is outside the allowed range [0, +inf)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.3, 1.0001, Double.NaN})
    void topPOutsideTheLeftOpenUnitInterval(double topP) {
        rejects(() -> DecoderConfig.sampling(0.7, topP, 4, 1), "top-p = " + topP + " is outside the allowed range (0, 1]");
    }

    @Test
    void greedyWithSamplingSettings() {
        rejects(() -> new DecoderConfig(Decoder.GREEDY, 0.7, 1.0, 1, 1), "greedy decoding uses temperature 0 and"
                + " k = 1, got temperature = 0.7, k = 1; use SAMPLING for other settings");
    }

    @Test
    void gateLimitsOutsideTheirRanges() {
        rejects(() -> new GateConfig(0.05, GatePolicy.UPPER_BOUND, 0.95, IntervalMethod.WILSON, 0, 0.05),
                "minimum prompts = 0 is outside the allowed range [1, +inf)");
        rejects(() -> new GateConfig(0.05, GatePolicy.UPPER_BOUND, 0.95, IntervalMethod.WILSON, 30, 1.5),
                "maximum error share = 1.5 is outside the allowed range [0, 1]");
        rejects(() -> SampleSizePlanner.promptsNeeded(0.05, 0.95, IntervalMethod.WILSON, -0.1),
                "assumed rate = -0.1 is outside the allowed range [0, 1]");
    }

    @Test
    void verdictProbabilityAndCountsOutsideTheirRanges() {
        rejects(() -> Verdict.of(1.2, "", Outcomes.JUDGE), "P(unsafe) = 1.2 is outside the allowed range [0, 1]");
        rejects(() -> IntervalMethod.WILSON.interval(11, 10, 0.95),
                "successes/trials = 11/10 is outside the allowed range 0 <= successes <= trials");
        rejects(() -> new PlaceboCounts(1, -1, 0, 0),
                "placebo counts (1, -1, 0, 0) are outside the allowed range: every count must be >= 0");
    }
}
