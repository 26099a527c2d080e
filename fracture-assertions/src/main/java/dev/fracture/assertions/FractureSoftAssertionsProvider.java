package dev.fracture.assertions;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Verdict;
import dev.fracture.core.gate.GateResult;
import org.apiguardian.api.API;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft {@code assertThat} overloads for Fracture's types, to mix into any AssertJ soft-assertions class
 * (e.g. {@code class MySoftly extends SoftAssertions implements FractureSoftAssertionsProvider}).
 *
 * <p>Each overload returns a proxy that collects failures instead of throwing them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface FractureSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * Creates soft assertions on the aggregate of one measurement.
     *
     * @param actual the result to check
     * @return the collecting assertion object
     */
    default FractureResultAssert assertThat(FractureResult actual) {
        return proxy(FractureResultAssert.class, FractureResult.class, actual);
    }

    /**
     * Creates soft assertions on one prompt's paired outcome.
     *
     * @param actual the outcome to check
     * @return the collecting assertion object
     */
    default PromptOutcomeAssert assertThat(PromptOutcome actual) {
        return proxy(PromptOutcomeAssert.class, PromptOutcome.class, actual);
    }

    /**
     * Creates soft assertions on a gate's decision.
     *
     * @param actual the gate result to check
     * @return the collecting assertion object
     */
    default GateResultAssert assertThat(GateResult actual) {
        return proxy(GateResultAssert.class, GateResult.class, actual);
    }

    /**
     * Creates soft assertions on a judge's verdict.
     *
     * @param actual the verdict to check
     * @return the collecting assertion object
     */
    default VerdictAssert assertThat(Verdict actual) {
        return proxy(VerdictAssert.class, Verdict.class, actual);
    }
}
