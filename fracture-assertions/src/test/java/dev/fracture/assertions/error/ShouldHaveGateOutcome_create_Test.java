package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveGateOutcome.shouldHaveGateOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.Proportion;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ShouldHaveGateOutcome_create_Test {

    private static final GateResult FAILED = new GateResult(GateOutcome.FAIL,
            "lower bound above budget → FAIL\nthe model flips too often", GateConfig.of(0.05),
            Proportion.of(12, 100, 0.95, IntervalMethod.WILSON), 0, OptionalInt.empty());

    @Test
    void should_create_error_message_with_the_measurement_key() {
        String message = shouldHaveGateOutcome("safety/greedy/pools/safety.jsonl/default", FAILED, GateOutcome.PASS)
                .create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the gate outcome of safety/greedy/pools/safety.jsonl/default:",
                "  FAIL",
                "to be:",
                "  PASS",
                "Gate (budget 0.050, upper-bound policy, 95% Wilson, at least 30 prompts, at most 5.0% errored):",
                "  lower bound above budget → FAIL",
                "  the model flips too often"));
    }

    @Test
    void should_create_error_message_for_a_gate_result_with_its_own_configuration() {
        GateConfig config = new GateConfig(0.1, GatePolicy.POINT_ESTIMATE, 0.9, IntervalMethod.CLOPPER_PEARSON, 50,
                0.0);
        GateResult inconclusive = new GateResult(GateOutcome.INCONCLUSIVE, "too few prompts", config,
                Proportion.of(1, 10, 0.9, IntervalMethod.CLOPPER_PEARSON), 0, OptionalInt.of(120));

        String message = shouldHaveGateOutcome(inconclusive, GateOutcome.FAIL).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the gate outcome:",
                "  INCONCLUSIVE",
                "to be:",
                "  FAIL",
                "Gate (budget 0.100, point-estimate policy, 90% Clopper-Pearson, at least 50 prompts, at most 0.0% errored):",
                "  too few prompts"));
    }
}
