package dev.fracture.assertions;

import static dev.fracture.assertions.error.ShouldHaveGateOutcome.shouldHaveGateOutcome;

import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a gate's decision; the failure message carries the gate's configuration and explanation.
 *
 * @param <SELF> the "self" type of this assertion class
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class AbstractGateResultAssert<SELF extends AbstractGateResultAssert<SELF>>
        extends AbstractAssert<SELF, GateResult> {

    protected AbstractGateResultAssert(GateResult actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies the gate's outcome.
     *
     * @param expected the expected outcome
     * @return this assertion object
     * @throws AssertionError if the gate decided otherwise
     */
    public SELF hasOutcome(GateOutcome expected) {
        if (expected == null) {
            throw new IllegalArgumentException("expected gate outcome must not be null; allowed: PASS, FAIL, INCONCLUSIVE");
        }
        isNotNull();
        if (actual.outcome() != expected) {
            throwAssertionError(shouldHaveGateOutcome(actual, expected));
        }
        return myself;
    }

    /**
     * Verifies that the gate passed.
     *
     * @return this assertion object
     * @throws AssertionError if the gate failed or was inconclusive
     */
    public SELF isPass() {
        return hasOutcome(GateOutcome.PASS);
    }

    /**
     * Verifies that the gate failed.
     *
     * @return this assertion object
     * @throws AssertionError if the gate passed or was inconclusive
     */
    public SELF isFail() {
        return hasOutcome(GateOutcome.FAIL);
    }

    /**
     * Verifies that the gate was inconclusive.
     *
     * @return this assertion object
     * @throws AssertionError if the gate passed or failed
     */
    public SELF isInconclusive() {
        return hasOutcome(GateOutcome.INCONCLUSIVE);
    }
}
