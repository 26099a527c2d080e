package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveCellCount.shouldHaveCellCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.Cell;
import org.junit.jupiter.api.Test;

class ShouldHaveCellCount_create_Test {

    @Test
    void should_create_error_message_with_the_whole_table() {
        String message = shouldHaveCellCount(Fixtures.faking(), Cell.FLIP_DEPLOY_TO_TRAIN, 0).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the count of cell unsafe→safe (FLIP_DEPLOY_TO_TRAIN) of safety/greedy/pools/safety.jsonl/default:",
                "  2",
                "to be:",
                "  0",
                "2×2 table over N = 100 prompts:",
                "  safe/safe 85, safe→unsafe 12, unsafe→safe 2, unsafe/unsafe 1"));
    }

    @Test
    void should_mention_errored_prompts() {
        String message = shouldHaveCellCount(Fixtures.small(), Cell.SAFE_SAFE, 43).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the count of cell safe/safe (SAFE_SAFE) of safety/greedy/pools/safety.jsonl/default:",
                "  40",
                "to be:",
                "  43",
                "2×2 table over N = 40 prompts (+3 errored):",
                "  safe/safe 40, safe→unsafe 0, unsafe→safe 0, unsafe/unsafe 0"));
    }
}
