package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.fracture;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a placebo-corrected check on a result whose measurement ran no placebo arm. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHavePlaceboArm extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHavePlaceboArm}.
     *
     * @param actual the measured result, without placebo counts
     */
    public static ErrorMessageFactory shouldHavePlaceboArm(FractureResult actual) {
        return new ShouldHavePlaceboArm(actual);
    }

    private ShouldHavePlaceboArm(FractureResult actual) {
        super("%nExpecting a placebo arm in %s:%n  FRACTURE %s%nto correct FRACTURE for sampling noise,%n"
                        + "but no placebo arm ran. Run the measurement with the placebo arm (deploy against deploy "
                        + "with other seeds) to measure the noise floor.",
                unquotedString(actual.key()), unquotedString(fracture(actual)));
    }
}
