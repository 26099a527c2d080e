package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The extension keeps twice the configured concurrency of prompts in flight, so the limit is reached. */
class PromptsInFlightTest {

    @Test
    void keepsEnoughPromptsInFlightForTheConcurrency() {
        assertThat(RunnerEngine.promptsInFlight(8)).isEqualTo(32);
        assertThat(RunnerEngine.promptsInFlight(64)).isEqualTo(128);
    }
}
