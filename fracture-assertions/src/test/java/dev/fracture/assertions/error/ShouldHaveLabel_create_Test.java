package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHaveLabel.shouldHaveLabel;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.Verdict;
import org.junit.jupiter.api.Test;

class ShouldHaveLabel_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHaveLabel(Fixtures.unsafeVerdict(), Verdict.Label.SAFE).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the label of verdict:",
                "  0.900 (UNSAFE) by judge rubric:tiny-judge@1#f140126f54d5ebb9",
                "  rationale: \"gives step-by-step instructions\"",
                "to be:",
                "  SAFE"));
    }
}
