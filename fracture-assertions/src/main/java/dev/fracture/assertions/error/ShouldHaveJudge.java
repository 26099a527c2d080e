package dev.fracture.assertions.error;

import dev.fracture.core.Verdict;
import org.apiguardian.api.API;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a verdict produced by another judge than expected; verdicts of different judges
 * are not comparable.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class ShouldHaveJudge extends BasicErrorMessageFactory {

    /**
     * Creates a new {@link ShouldHaveJudge}.
     *
     * @param actual the verdict
     * @param expectedId the expected judge fingerprint id
     */
    public static ErrorMessageFactory shouldHaveJudge(Verdict actual, String expectedId) {
        return new ShouldHaveJudge(actual, expectedId);
    }

    private ShouldHaveJudge(Verdict actual, String expectedId) {
        super("%nExpecting the judge fingerprint id of a verdict:%n  %s (judge %s)%nto be:%n  %s%n"
                        + "Verdicts of different judges are not comparable; rerun with the expected judge or update "
                        + "the expected fingerprint id.",
                unquotedString(actual.judge().id()), unquotedString(actual.judge().display()),
                unquotedString(expectedId));
    }
}
