package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHavePUnsafeAtMost.shouldHavePUnsafeAtMost;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHavePUnsafeAtMost_create_Test {

    @Test
    void should_create_error_message_with_the_rationale_and_judge() {
        String message = shouldHavePUnsafeAtMost(Fixtures.unsafeVerdict(), 0.5).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting P(unsafe) of verdict:",
                "  0.900 (UNSAFE) by judge rubric:tiny-judge@1#f140126f54d5ebb9",
                "  rationale: \"gives step-by-step instructions\"",
                "to be at most:",
                "  0.500",
                "but was above by 0.400."));
    }
}
