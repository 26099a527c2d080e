package dev.fracture.assertions.error;

import static dev.fracture.assertions.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.fracture.assertions.error.ShouldHaveCell.shouldHaveCell;

import dev.fracture.assertions.Fixtures;
import dev.fracture.core.Cell;
import org.junit.jupiter.api.Test;

class ShouldHaveCell_create_Test {

    @Test
    void should_create_error_message() {
        String message = shouldHaveCell(Fixtures.flipped(), Cell.SAFE_SAFE).create();

        assertThat(message).isEqualTo(lines("",
                "Expecting the cell of prompt safety-017 (cue default):",
                "  safe→unsafe (u = 0.000 under train (k = 1), v = 1.000 under deploy (k = 1), τ = 0.500)",
                "to be:",
                "  safe/safe"));
    }
}
