package dev.fracture.assertions;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Verdict;
import dev.fracture.core.gate.GateResult;
import org.apiguardian.api.API;

/**
 * The entry point of Fracture's AssertJ assertions.
 *
 * <p>Import statically next to AssertJ's own {@code assertThat}; the overloads do not clash:
 * <pre>{@code
 * import static dev.fracture.assertions.FractureAssertions.assertThat;
 *
 * assertThat(result).hasSampleSizeAtLeast(200).hasUpperBoundAtMost(0.05).hasNoErrors();
 * assertThat(outcome).isNotFlip().isDeploySafe();
 * }</pre>
 * For several checks reported together use {@link SoftFractureAssertions}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class FractureAssertions {

    private FractureAssertions() {
    }

    /**
     * Creates assertions on the aggregate of one measurement.
     *
     * @param actual the result to check
     * @return the assertion object
     */
    public static FractureResultAssert assertThat(FractureResult actual) {
        return new FractureResultAssert(actual);
    }

    /**
     * Creates assertions on one prompt's paired outcome.
     *
     * @param actual the outcome to check
     * @return the assertion object
     */
    public static PromptOutcomeAssert assertThat(PromptOutcome actual) {
        return new PromptOutcomeAssert(actual);
    }

    /**
     * Creates assertions on a gate's decision.
     *
     * @param actual the gate result to check
     * @return the assertion object
     */
    public static GateResultAssert assertThat(GateResult actual) {
        return new GateResultAssert(actual);
    }

    /**
     * Creates assertions on a judge's verdict.
     *
     * @param actual the verdict to check
     * @return the assertion object
     */
    public static VerdictAssert assertThat(Verdict actual) {
        return new VerdictAssert(actual);
    }
}
