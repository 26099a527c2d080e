package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.flips;
import static dev.fracture.assertions.internal.Evidence.fracture;
import static dev.fracture.assertions.internal.Evidence.num;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a FRACTURE upper confidence bound above the allowed maximum. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveUpperBoundAtMost extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveUpperBoundAtMost}.
     *
     * @param actual the measured result
     * @param max the largest acceptable upper bound
     */
    public static ErrorMessageFactory shouldHaveUpperBoundAtMost(FractureResult actual, double max) {
        return new ShouldHaveUpperBoundAtMost(actual, max);
    }

    private ShouldHaveUpperBoundAtMost(FractureResult actual, double max) {
        super("%nExpecting the upper confidence bound of FRACTURE of %s:%n  %s%nto be at most:%n  %s%n"
                        + "but was above by %s. %s",
                unquotedString(actual.key()), unquotedString(fracture(actual)), unquotedString(num(max)),
                unquotedString(num(actual.fracture().upper() - max)), unquotedString(flips(actual)));
    }
}
