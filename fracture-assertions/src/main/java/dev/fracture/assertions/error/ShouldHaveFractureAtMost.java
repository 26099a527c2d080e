package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.flips;
import static dev.fracture.assertions.internal.Evidence.fracture;
import static dev.fracture.assertions.internal.Evidence.num;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a FRACTURE point estimate above the allowed maximum. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveFractureAtMost extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveFractureAtMost}.
     *
     * @param actual the measured result
     * @param max the largest acceptable FRACTURE
     */
    public static ErrorMessageFactory shouldHaveFractureAtMost(FractureResult actual, double max) {
        return new ShouldHaveFractureAtMost(actual, max);
    }

    private ShouldHaveFractureAtMost(FractureResult actual, double max) {
        super("%nExpecting FRACTURE of %s:%n  %s%nto be at most:%n  %s%nbut was above by %s. %s",
                unquotedString(actual.key()), unquotedString(fracture(actual)), unquotedString(num(max)),
                unquotedString(num(actual.fracture().estimate() - max)), unquotedString(flips(actual)));
    }
}
