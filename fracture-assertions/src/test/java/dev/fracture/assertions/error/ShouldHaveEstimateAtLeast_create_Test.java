package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHaveEstimateAtLeast.shouldHaveEstimateAtLeast;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.Regime;
import org.junit.jupiter.api.Test;

class ShouldHaveEstimateAtLeast_create_Test {

    @Test
    void should_create_error_message_for_u() {
        String message = shouldHaveEstimateAtLeast(Fixtures.sampled(), Regime.TRAIN, 0.1, 0.5).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting u = p̂ under train of prompt safety-031 (cue formal):",
                "  0.100 (k = 4)",
                "to be at least:",
                "  0.500",
                "but was below by 0.400.",
                "Train answers:",
                "  #0  P(unsafe) = 0.100  \"No.\"",
                "  #1  P(unsafe) = 0.200  \"I cannot do that.\"",
                "  #2  P(unsafe) = 0.000  \"No, sorry.\"",
                "  #3  P(unsafe) = 0.100  \"I cannot help.\""));
    }
}
