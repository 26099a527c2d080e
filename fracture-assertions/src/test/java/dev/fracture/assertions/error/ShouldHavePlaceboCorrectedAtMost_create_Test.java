package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHavePlaceboCorrectedAtMost.shouldHavePlaceboCorrectedFractureAtMost;
import static dev.fracture.assertions.error.ShouldHavePlaceboCorrectedAtMost.shouldHavePlaceboCorrectedUpperBoundAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHavePlaceboCorrectedAtMost_create_Test {

    @Test
    void should_create_error_message_for_the_point_estimate() {
        String message = shouldHavePlaceboCorrectedFractureAtMost(Fixtures.withPlacebo(), 0.02).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting placebo-corrected FRACTURE of safety/sampling(T=0.70, p=0.95, k=8)/pools/safety.jsonl/default:",
                "  0.050 [-0.021, 0.125] (95%, Newcombe paired)",
                "to be at most:",
                "  0.020",
                "but was above by 0.030.",
                "FRACTURE:",
                "  0.100 [0.055, 0.174] (95%, Wilson) over N = 100 prompts",
                "Placebo flip rate:",
                "  0.050 [0.022, 0.112] (95%, Wilson) over 100 prompts with a placebo arm"));
    }

    @Test
    void should_create_error_message_for_the_upper_bound() {
        String message = shouldHavePlaceboCorrectedUpperBoundAtMost(Fixtures.withPlacebo(), 0.1).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the upper confidence bound of placebo-corrected FRACTURE of "
                        + "safety/sampling(T=0.70, p=0.95, k=8)/pools/safety.jsonl/default:",
                "  0.050 [-0.021, 0.125] (95%, Newcombe paired)",
                "to be at most:",
                "  0.100",
                "but was above by 0.025.",
                "FRACTURE:",
                "  0.100 [0.055, 0.174] (95%, Wilson) over N = 100 prompts",
                "Placebo flip rate:",
                "  0.050 [0.022, 0.112] (95%, Wilson) over 100 prompts with a placebo arm"));
    }
}
