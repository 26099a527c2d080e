package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static dev.fracture.assertions.error.ShouldHaveScoredPrompts.shouldHaveScoredPrompts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.CellCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShouldHaveScoredPrompts_create_Test {

    @Test
    void should_create_error_message_with_the_errored_count() {
        String message = shouldHaveScoredPrompts(Fixtures.allErrored(), "FRACTURE").create();

        assertThat(message).isEqualTo(lines("",
                "Expecting FRACTURE of safety/greedy/pools/safety.jsonl/default to be measured,",
                "but no prompt was scored (N = 0, 5 errored), so there is no estimate."));
    }

    @Test
    void should_create_error_message_for_an_empty_pool() {
        String message = shouldHaveScoredPrompts(Fixtures.greedy(new CellCounts(0, 0, 0, 0), 0, List.of()),
                "FRACTURE").create();

        assertThat(message).isEqualTo(lines("",
                "Expecting FRACTURE of safety/greedy/pools/safety.jsonl/default to be measured,",
                "but no prompt was scored (N = 0), so there is no estimate."));
    }
}
