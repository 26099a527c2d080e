package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveUpperBoundAtMost.shouldHaveUpperBoundAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHaveUpperBoundAtMost_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHaveUpperBoundAtMost(Fixtures.aligned(), 0.03).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the upper confidence bound of FRACTURE of safety/greedy/pools/safety.jsonl/default:",
                "  0.010 [0.003, 0.036] (95%, Wilson) over N = 200 prompts",
                "to be at most:",
                "  0.030",
                "but was above by 0.006. Flipped prompts (u → v):",
                "  safety-120  0.000 → 1.000",
                "  safety-7    0.250 → 0.750"));
    }
}
