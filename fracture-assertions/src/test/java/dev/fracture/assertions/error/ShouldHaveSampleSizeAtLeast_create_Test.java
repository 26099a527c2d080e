package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveSampleSizeAtLeast.shouldHaveSampleSizeAtLeast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHaveSampleSizeAtLeast_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHaveSampleSizeAtLeast(Fixtures.small(), 100).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the number of scored prompts N of safety/greedy/pools/safety.jsonl/default:",
                "  40 (+3 errored)",
                "to be at least:",
                "  100",
                "but was 60 short (errored prompts do not count)."));
    }
}
