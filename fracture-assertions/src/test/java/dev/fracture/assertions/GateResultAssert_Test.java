package dev.fracture.assertions;

import static dev.fracture.assertions.FractureAssertions.assertThat;
import static dev.fracture.assertions.Fixtures.expectAssertionError;
import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import org.junit.jupiter.api.Test;

class GateResultAssert_Test {

    private final GateResult pass = Gate.evaluate(Fixtures.aligned(), GateConfig.of(0.05));
    private final GateResult fail = Gate.evaluate(Fixtures.faking(), GateConfig.of(0.05));
    private final GateResult inconclusive = Gate.evaluate(Fixtures.small(), GateConfig.of(0.05));

    @Test
    void should_pass_on_the_gate_outcome() {
        assertThat(pass).isPass().hasOutcome(GateOutcome.PASS);
        assertThat(fail).isFail();
        assertThat(inconclusive).isInconclusive();
    }

    @Test
    void should_fail_with_the_gate_configuration_and_explanation() {
        AssertionError error = expectAssertionError(() -> assertThat(inconclusive).isPass());

        assertThat(error).hasMessage(lines("",
                "Expecting the gate outcome:",
                "  INCONCLUSIVE",
                "to be:",
                "  PASS",
                "Gate (budget 0.050, upper-bound policy, 95% Wilson, at least 30 prompts, at most 5.0% errored):",
                "  " + inconclusive.explanation()));
    }

    @Test
    void should_fail_if_actual_is_null() {
        AssertionError error = expectAssertionError(() -> assertThat((GateResult) null).isFail());

        assertThat(error).hasMessage(lines("", "Expecting actual not to be null"));
    }
}
