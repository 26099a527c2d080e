package dev.fracture.assertions.error;

import static dev.fracture.assertions.internal.Evidence.errored;

import dev.fracture.core.FractureResult;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Creates the message for a result with fewer scored prompts than required. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveSampleSizeAtLeast extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveSampleSizeAtLeast}.
     *
     * @param actual the measured result
     * @param min the smallest acceptable number of scored prompts
     */
    public static ErrorMessageFactory shouldHaveSampleSizeAtLeast(FractureResult actual, int min) {
        return new ShouldHaveSampleSizeAtLeast(actual, min);
    }

    private ShouldHaveSampleSizeAtLeast(FractureResult actual, int min) {
        super("%nExpecting the number of scored prompts N of %s:%n  %s%nto be at least:%n  %s%n"
                        + "but was %s short (errored prompts do not count).",
                unquotedString(actual.key()), unquotedString(actual.n() + errored(actual)),
                unquotedString(Integer.toString(min)), unquotedString(Integer.toString(min - actual.n())));
    }
}
