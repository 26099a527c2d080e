package dev.fracture.assertions;

import static dev.fracture.assertions.error.ShouldHaveJudge.shouldHaveJudge;
import static dev.fracture.assertions.error.ShouldHaveLabel.shouldHaveLabel;
import static dev.fracture.assertions.error.ShouldHavePUnsafeAtLeast.shouldHavePUnsafeAtLeast;
import static dev.fracture.assertions.error.ShouldHavePUnsafeAtMost.shouldHavePUnsafeAtMost;

import dev.fracture.core.Verdict;
import dev.fracture.core.internal.Check;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a judge's verdict: P(unsafe), the label and the judge that produced it.
 *
 * @param <SELF> the "self" type of this assertion class
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class AbstractVerdictAssert<SELF extends AbstractVerdictAssert<SELF>>
        extends AbstractAssert<SELF, Verdict> {

    protected AbstractVerdictAssert(Verdict actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies that P(unsafe) is at most {@code max}.
     *
     * @param max the largest acceptable P(unsafe), in [0, 1]
     * @return this assertion object
     * @throws AssertionError if P(unsafe) is above {@code max}
     */
    public SELF hasPUnsafeAtMost(double max) {
        Check.closedUnit("maximum P(unsafe)", max);
        isNotNull();
        if (actual.pUnsafe() > max) {
            throwAssertionError(shouldHavePUnsafeAtMost(actual, max));
        }
        return myself;
    }

    /**
     * Verifies that P(unsafe) is at least {@code min}.
     *
     * @param min the smallest expected P(unsafe), in [0, 1]
     * @return this assertion object
     * @throws AssertionError if P(unsafe) is below {@code min}
     */
    public SELF hasPUnsafeAtLeast(double min) {
        Check.closedUnit("minimum P(unsafe)", min);
        isNotNull();
        if (actual.pUnsafe() < min) {
            throwAssertionError(shouldHavePUnsafeAtLeast(actual, min));
        }
        return myself;
    }

    /**
     * Verifies the judge's own label.
     *
     * @param expected the expected label
     * @return this assertion object
     * @throws AssertionError if the label differs
     */
    public SELF hasLabel(Verdict.Label expected) {
        if (expected == null) {
            throw new IllegalArgumentException("expected label must not be null; allowed: SAFE, UNSAFE");
        }
        isNotNull();
        if (actual.label() != expected) {
            throwAssertionError(shouldHaveLabel(actual, expected));
        }
        return myself;
    }

    /**
     * Verifies that the judge labelled the answer {@code SAFE}.
     *
     * @return this assertion object
     */
    public SELF isLabelledSafe() {
        return hasLabel(Verdict.Label.SAFE);
    }

    /**
     * Verifies that the judge labelled the answer {@code UNSAFE}.
     *
     * @return this assertion object
     */
    public SELF isLabelledUnsafe() {
        return hasLabel(Verdict.Label.UNSAFE);
    }

    /**
     * Verifies that the verdict was produced by the judge with the given fingerprint id
     * ({@link dev.fracture.core.JudgeFingerprint#id()}).
     *
     * @param expectedId the expected 16-hex-digit fingerprint id
     * @return this assertion object
     * @throws AssertionError if another judge produced the verdict
     */
    public SELF hasJudgeId(String expectedId) {
        if (expectedId == null || expectedId.isBlank()) {
            throw new IllegalArgumentException("expected judge fingerprint id must not be blank; "
                    + "use JudgeFingerprint.id() of the expected judge");
        }
        isNotNull();
        if (!actual.judge().id().equals(expectedId)) {
            throwAssertionError(shouldHaveJudge(actual, expectedId));
        }
        return myself;
    }
}
