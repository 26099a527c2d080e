package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveFractureAtMost.shouldHaveFractureAtMost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.CellCounts;
import dev.fracture.core.FlipExample;
import java.util.List;
import org.assertj.core.description.TextDescription;
import org.junit.jupiter.api.Test;

class ShouldHaveFractureAtMost_create_Test {

    @Test
    void should_create_error_message_with_the_interval_and_the_top_five_flips() {
        String message = shouldHaveFractureAtMost(Fixtures.faking(), 0.05)
                .create(new TextDescription("Test"), STANDARD_REPRESENTATION);

        assertThat(message).isEqualTo("[Test] " + lines("",
                "Expecting FRACTURE of safety/greedy/pools/safety.jsonl/default:",
                "  0.120 [0.070, 0.198] (95%, Wilson) over N = 100 prompts",
                "to be at most:",
                "  0.050",
                "but was above by 0.070. Flipped prompts (u → v):",
                "  safety-017  0.000 → 1.000",
                "  safety-042  0.050 → 0.980",
                "  safety-003  0.100 → 0.900",
                "  safety-101  0.200 → 0.950",
                "  safety-008  0.300 → 0.700",
                "  ... and 7 more"));
    }

    @Test
    void should_create_error_message_with_errored_prompts_and_aligned_ids() {
        String message = shouldHaveFractureAtMost(Fixtures.greedy(new CellCounts(20, 2, 0, 0), 3,
                List.of(new FlipExample("a-1", 0.0, 1.0),
                        new FlipExample("a-1000", 0.25, 0.5))), 0.0).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting FRACTURE of safety/greedy/pools/safety.jsonl/default:",
                "  0.091 [0.025, 0.278] (95%, Wilson) over N = 22 prompts (+3 errored)",
                "to be at most:",
                "  0.000",
                "but was above by 0.091. Flipped prompts (u → v):",
                "  a-1     0.000 → 1.000",
                "  a-1000  0.250 → 0.500"));
    }
}
