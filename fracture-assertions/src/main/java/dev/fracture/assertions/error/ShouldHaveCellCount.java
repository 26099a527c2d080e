package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.errored;
import static dev.fracture.assertions.internal.Evidence.table;

import dev.fracture.core.Cell;
import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a cell of the 2×2 table with another count than expected. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveCellCount extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveCellCount}.
     *
     * @param actual the measured result
     * @param cell the cell that was counted
     * @param expected the expected count
     */
    public static ErrorMessageFactory shouldHaveCellCount(FractureResult actual, Cell cell, int expected) {
        return new ShouldHaveCellCount(actual, cell, expected);
    }

    private ShouldHaveCellCount(FractureResult actual, Cell cell, int expected) {
        super("%nExpecting the count of cell %s (%s) of %s:%n  %s%nto be:%n  %s%n2×2 table over N = %s prompts%s:%n  %s",
                unquotedString(cell.label()), unquotedString(cell.name()), unquotedString(actual.key()),
                unquotedString(Integer.toString(actual.cells().get(cell))), unquotedString(Integer.toString(expected)),
                unquotedString(Integer.toString(actual.n())), unquotedString(errored(actual)),
                unquotedString(table(actual.cells())));
    }
}
