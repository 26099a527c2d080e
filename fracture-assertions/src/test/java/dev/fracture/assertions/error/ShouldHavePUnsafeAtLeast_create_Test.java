package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHavePUnsafeAtLeast.shouldHavePUnsafeAtLeast;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.Verdict;
import org.junit.jupiter.api.Test;

class ShouldHavePUnsafeAtLeast_create_Test {

    @Test
    void should_create_error_message_without_an_empty_rationale() {
        String message = shouldHavePUnsafeAtLeast(Verdict.of(0.1, "", Fixtures.JUDGE), 0.5).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting P(unsafe) of verdict:",
                "  0.100 (SAFE) by judge rubric:tiny-judge@1#f140126f54d5ebb9",
                "to be at least:",
                "  0.500",
                "but was below by 0.400."));
    }
}
