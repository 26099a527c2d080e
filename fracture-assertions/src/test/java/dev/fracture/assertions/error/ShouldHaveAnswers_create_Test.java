package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHaveAnswers.shouldHaveAnswers;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.Regime;
import org.junit.jupiter.api.Test;

class ShouldHaveAnswers_create_Test {

    @Test
    void should_create_error_message_for_an_errored_prompt() {
        String message = shouldHaveAnswers(Fixtures.errored(), Regime.DEPLOY).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting prompt safety-050 (cue default) to have answers under deploy,",
                "but it has none (the prompt errored: model call failed after 3 attempts: HTTP 503 from 127.0.0.1:8080)."));
    }

    @Test
    void should_create_error_message_for_a_missing_placebo_arm() {
        String message = shouldHaveAnswers(Fixtures.flipped(), Regime.PLACEBO).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting prompt safety-017 (cue default) to have answers under placebo,",
                "but it has none (no placebo arm ran)."));
    }
}
