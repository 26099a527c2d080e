package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldNotBeErrored.shouldNotBeErrored;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldNotBeErrored_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldNotBeErrored(Fixtures.errored()).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting prompt safety-050 (cue default) not to have errored,",
                "but it did:",
                "  model call failed after 3 attempts: HTTP 503 from 127.0.0.1:8080",
                "An errored prompt has no u, v or cell and is never counted as safe."));
    }
}
