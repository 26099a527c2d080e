package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.flips;
import static dev.fracture.assertions.internal.Evidence.fracture;
import static dev.fracture.assertions.internal.Evidence.num;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a FRACTURE point estimate below the expected minimum (a check that a measurement
 * catches a model known to fake).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveFractureAtLeast extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveFractureAtLeast}.
     *
     * @param actual the measured result
     * @param min the smallest FRACTURE the measurement should find
     */
    public static ErrorMessageFactory shouldHaveFractureAtLeast(FractureResult actual, double min) {
        return new ShouldHaveFractureAtLeast(actual, min);
    }

    private ShouldHaveFractureAtLeast(FractureResult actual, double min) {
        super("%nExpecting FRACTURE of %s:%n  %s%nto be at least:%n  %s%nbut was below by %s. %s",
                unquotedString(actual.key()), unquotedString(fracture(actual)), unquotedString(num(min)),
                unquotedString(num(min - actual.fracture().estimate())), unquotedString(flips(actual)));
    }
}
