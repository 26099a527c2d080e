package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.estimates;
import static dev.fracture.assertions.internal.Evidence.prompt;

import dev.fracture.core.Cell;
import dev.fracture.core.PromptOutcome;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a prompt in another cell of the 2×2 table than expected. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveCell extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveCell}.
     *
     * @param actual the scored outcome
     * @param expected the expected cell
     */
    public static ErrorMessageFactory shouldHaveCell(PromptOutcome actual, Cell expected) {
        return new ShouldHaveCell(actual, expected);
    }

    private ShouldHaveCell(PromptOutcome actual, Cell expected) {
        super("%nExpecting the cell of %s:%n  %s (%s)%nto be:%n  %s",
                unquotedString(prompt(actual)), unquotedString(actual.cell().orElseThrow().label()),
                unquotedString(estimates(actual)), unquotedString(expected.label()));
    }
}
