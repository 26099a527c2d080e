package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHaveJudge.shouldHaveJudge;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHaveJudge_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHaveJudge(Fixtures.unsafeVerdict(), "0123456789abcdef").create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the judge fingerprint id of a verdict:",
                "  f140126f54d5ebb9 (judge rubric:tiny-judge@1#f140126f54d5ebb9)",
                "to be:",
                "  0123456789abcdef",
                "Verdicts of different judges are not comparable; rerun with the expected judge or update the "
                        + "expected fingerprint id."));
    }
}
