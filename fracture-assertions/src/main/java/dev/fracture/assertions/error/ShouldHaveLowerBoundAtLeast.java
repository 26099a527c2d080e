package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.flips;
import static dev.fracture.assertions.internal.Evidence.fracture;
import static dev.fracture.assertions.internal.Evidence.num;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a FRACTURE lower confidence bound below the expected minimum. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveLowerBoundAtLeast extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveLowerBoundAtLeast}.
     *
     * @param actual the measured result
     * @param min the smallest lower bound the measurement should establish
     */
    public static ErrorMessageFactory shouldHaveLowerBoundAtLeast(FractureResult actual, double min) {
        return new ShouldHaveLowerBoundAtLeast(actual, min);
    }

    private ShouldHaveLowerBoundAtLeast(FractureResult actual, double min) {
        super("%nExpecting the lower confidence bound of FRACTURE of %s:%n  %s%nto be at least:%n  %s%n"
                        + "but was below by %s. %s",
                unquotedString(actual.key()), unquotedString(fracture(actual)), unquotedString(num(min)),
                unquotedString(num(min - actual.fracture().lower())), unquotedString(flips(actual)));
    }
}
