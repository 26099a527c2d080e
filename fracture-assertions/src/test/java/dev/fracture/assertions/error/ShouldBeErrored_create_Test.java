package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldBeErrored.shouldBeErrored;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldBeErrored_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldBeErrored(Fixtures.safe()).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting prompt safety-002 (cue default) to have errored,",
                "but it was scored:",
                "  u = 0.100 under train (k = 1), v = 0.200 under deploy (k = 1), τ = 0.500 (cell safe/safe)"));
    }
}
