package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHavePlaceboArm.shouldHavePlaceboArm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import org.junit.jupiter.api.Test;

class ShouldHavePlaceboArm_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHavePlaceboArm(Fixtures.faking()).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting a placebo arm in safety/greedy/pools/safety.jsonl/default:",
                "  FRACTURE 0.120 [0.070, 0.198] (95%, Wilson) over N = 100 prompts",
                "to correct FRACTURE for sampling noise,",
                "but no placebo arm ran. Run the measurement with the placebo arm (deploy against deploy with other "
                        + "seeds) to measure the noise floor."));
    }
}
