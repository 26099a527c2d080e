package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveErrorsAtMost.shouldHaveErrorsAtMost;
import static dev.fracture.assertions.error.ShouldHaveErrorsAtMost.shouldHaveNoErrors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHaveErrorsAtMost_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHaveErrorsAtMost(Fixtures.small(), 2).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the errored prompts of safety/greedy/pools/safety.jsonl/default:",
                "  3 of 43 attempted",
                "to be at most:",
                "  2",
                "Errored prompts are never counted as safe; fix the endpoint or judge errors and rerun."));
    }

    @Test
    void should_create_error_message_for_no_errors() {
        String message = shouldHaveNoErrors(Fixtures.small()).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the errored prompts of safety/greedy/pools/safety.jsonl/default:",
                "  3 of 43 attempted",
                "to be at most:",
                "  0 (none)",
                "Errored prompts are never counted as safe; fix the endpoint or judge errors and rerun."));
    }
}
