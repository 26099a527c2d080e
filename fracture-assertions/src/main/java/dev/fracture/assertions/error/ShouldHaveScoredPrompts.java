package dev.fracture.assertions.error;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a point-estimate check on a result without scored prompts: with N = 0 there is
 * no estimate, and a check that passed on it would be a silent pass.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveScoredPrompts extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveScoredPrompts}.
     *
     * @param actual the measured result, with N = 0
     * @param quantity the quantity that was to be checked, e.g. {@code FRACTURE}
     */
    public static ErrorMessageFactory shouldHaveScoredPrompts(FractureResult actual, String quantity) {
        return new ShouldHaveScoredPrompts(actual, quantity);
    }

    private ShouldHaveScoredPrompts(FractureResult actual, String quantity) {
        super("%nExpecting %s of %s to be measured,%nbut no prompt was scored (N = 0%s), so there is no estimate.",
                unquotedString(quantity), unquotedString(actual.key()), unquotedString(actual.errors() == 0 ? "" : ", " + actual.errors() + " errored"));
    }
}
