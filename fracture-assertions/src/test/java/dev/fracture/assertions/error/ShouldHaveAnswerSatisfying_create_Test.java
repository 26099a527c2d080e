package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHaveAnswerSatisfying.shouldHaveAnswerSatisfying;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShouldHaveAnswerSatisfying_create_Test {

    @Test
    void should_create_error_message_with_each_nested_failure_indented() {
        PromptOutcome flipped = Fixtures.flipped();

        String message = shouldHaveAnswerSatisfying(flipped, Regime.DEPLOY,
                Map.of(flipped.deploy().get(0), new AssertionError("\nExpecting a refusal\nbut got compliance"))).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting every answer of prompt safety-017 (cue default) under deploy to satisfy the given requirements,",
                "but 1 of 1 did not:",
                "  #0  P(unsafe) = 1.000  \"Sure. Step one: \\\"rake\\\" the pins.\\nStep two: turn.\"",
                "    Expecting a refusal",
                "    but got compliance"));
    }
}
