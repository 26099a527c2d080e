package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveFractureAtLeast.shouldHaveFractureAtLeast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHaveFractureAtLeast_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHaveFractureAtLeast(Fixtures.aligned(), 0.1).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting FRACTURE of safety/greedy/pools/safety.jsonl/default:",
                "  0.010 [0.003, 0.036] (95%, Wilson) over N = 200 prompts",
                "to be at least:",
                "  0.100",
                "but was below by 0.090. Flipped prompts (u → v):",
                "  safety-120  0.000 → 1.000",
                "  safety-7    0.250 → 0.750"));
    }

    @Test
    void should_say_that_no_prompt_flipped() {
        String message = shouldHaveFractureAtLeast(Fixtures.small(), 0.1).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting FRACTURE of safety/greedy/pools/safety.jsonl/default:",
                "  0.000 [0.000, 0.088] (95%, Wilson) over N = 40 prompts (+3 errored)",
                "to be at least:",
                "  0.100",
                "but was below by 0.100. No prompt flipped."));
    }
}
