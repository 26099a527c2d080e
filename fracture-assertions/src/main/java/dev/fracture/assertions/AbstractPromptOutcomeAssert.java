package dev.fracture.assertions;

import static dev.fracture.assertions.error.ShouldBeDeploySafe.shouldBeDeploySafe;
import static dev.fracture.assertions.error.ShouldBeErrored.shouldBeErrored;
import static dev.fracture.assertions.error.ShouldBeFlip.shouldBeFlip;
import static dev.fracture.assertions.error.ShouldHaveAnswerMatching.shouldHaveAnswerMatching;
import static dev.fracture.assertions.error.ShouldHaveAnswerSatisfying.shouldHaveAnswerSatisfying;
import static dev.fracture.assertions.error.ShouldHaveAnswers.shouldHaveAnswers;
import static dev.fracture.assertions.error.ShouldHaveCell.shouldHaveCell;
import static dev.fracture.assertions.error.ShouldHaveEstimateAtLeast.shouldHaveEstimateAtLeast;
import static dev.fracture.assertions.error.ShouldHaveEstimateAtMost.shouldHaveEstimateAtMost;
import static dev.fracture.assertions.error.ShouldHaveEverySampleSafe.shouldHaveEverySampleSafe;
import static dev.fracture.assertions.error.ShouldNotBeErrored.shouldNotBeErrored;
import static dev.fracture.assertions.error.ShouldNotBeFlip.shouldNotBeFlip;

import dev.fracture.assertions.internal.Evidence;
import dev.fracture.core.Cell;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import dev.fracture.core.internal.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Condition;

/**
 * Assertions on one prompt's paired outcome: the flip, the deploy side, u, v and w, the answers and the
 * error state.
 *
 * <p>Every check on u, v, w or the cell fails on an errored prompt (it has none of them, and an errored
 * prompt is never counted as safe). Answer checks look at every sample of the regime, so under sampling
 * "the answer" means all k answers.
 *
 * @param <SELF> the "self" type of this assertion class
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public abstract class AbstractPromptOutcomeAssert<SELF extends AbstractPromptOutcomeAssert<SELF>>
        extends AbstractAssert<SELF, PromptOutcome> {

    protected AbstractPromptOutcomeAssert(PromptOutcome actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies that the prompt is not a train→deploy flip ({@code u < τ <= v} does not hold).
     *
     * @return this assertion object
     * @throws AssertionError if the prompt flipped or errored
     */
    public SELF isNotFlip() {
        requireScored();
        if (actual.isFlip()) {
            throwAssertionError(shouldNotBeFlip(actual));
        }
        return myself;
    }

    /**
     * Verifies that the prompt is a train→deploy flip ({@code u < τ <= v}).
     *
     * @return this assertion object
     * @throws AssertionError if the prompt did not flip or errored
     */
    public SELF isFlip() {
        requireScored();
        if (!actual.isFlip()) {
            throwAssertionError(shouldBeFlip(actual));
        }
        return myself;
    }

    /**
     * Verifies that the prompt is safe at deploy: {@code v < τ}, where v is the mean P(unsafe) of the
     * deploy samples. This is the deploy side of the 2×2 table, so a deploy-safe prompt is never a flip.
     * Under sampling the mean may be below τ while single answers are not; to require every answer to be
     * safe use {@link #hasEverySampleSafeUnder(Regime)}.
     *
     * @return this assertion object
     * @throws AssertionError if {@code v >= τ} or the prompt errored
     */
    public SELF isDeploySafe() {
        requireScored();
        if (actual.tau().unsafe(actual.v())) {
            throwAssertionError(shouldBeDeploySafe(actual));
        }
        return myself;
    }

    /**
     * Verifies that every sample under {@code regime} has P(unsafe) below τ (the strict reading of "safe"
     * under sampling).
     *
     * @param regime the regime whose answers are checked
     * @return this assertion object
     * @throws AssertionError if an answer is at or above τ, the regime has no answer, or the prompt errored
     */
    public SELF hasEverySampleSafeUnder(Regime regime) {
        List<Sample> samples = scoredSamples(regime);
        List<Sample> unsafe = samples.stream().filter(s -> actual.tau().unsafe(s.verdict().pUnsafe())).toList();
        if (!unsafe.isEmpty()) {
            throwAssertionError(shouldHaveEverySampleSafe(actual, regime, unsafe));
        }
        return myself;
    }

    /**
     * Verifies the cell of the 2×2 table.
     *
     * @param expected the expected cell
     * @return this assertion object
     * @throws AssertionError if the prompt is in another cell or errored
     */
    public SELF hasCell(Cell expected) {
        if (expected == null) {
            throw new IllegalArgumentException("expected cell must not be null; allowed: "
                    + java.util.Arrays.toString(Cell.values()));
        }
        requireScored();
        if (actual.cell().orElseThrow() != expected) {
            throwAssertionError(shouldHaveCell(actual, expected));
        }
        return myself;
    }

    /**
     * Verifies that u = p̂ under the train cue is at most {@code max}.
     *
     * @param max the largest acceptable u, in [0, 1]
     * @return this assertion object
     */
    public SELF hasUAtMost(double max) {
        return estimateAtMost(Regime.TRAIN, max);
    }

    /**
     * Verifies that u = p̂ under the train cue is at least {@code min}.
     *
     * @param min the smallest expected u, in [0, 1]
     * @return this assertion object
     */
    public SELF hasUAtLeast(double min) {
        return estimateAtLeast(Regime.TRAIN, min);
    }

    /**
     * Verifies that v = p̂ at deploy is at most {@code max}.
     *
     * @param max the largest acceptable v, in [0, 1]
     * @return this assertion object
     */
    public SELF hasVAtMost(double max) {
        return estimateAtMost(Regime.DEPLOY, max);
    }

    /**
     * Verifies that v = p̂ at deploy is at least {@code min}.
     *
     * @param min the smallest expected v, in [0, 1]
     * @return this assertion object
     */
    public SELF hasVAtLeast(double min) {
        return estimateAtLeast(Regime.DEPLOY, min);
    }

    /**
     * Verifies that w = p̂ of the placebo arm is at most {@code max}.
     *
     * @param max the largest acceptable w, in [0, 1]
     * @return this assertion object
     * @throws AssertionError if no placebo arm ran, the prompt errored or w is above {@code max}
     */
    public SELF hasWAtMost(double max) {
        return estimateAtMost(Regime.PLACEBO, max);
    }

    /**
     * Verifies that every answer under {@code regime} matches {@code predicate}.
     *
     * @param regime the regime whose answers are checked
     * @param predicate the requirement on one answer text
     * @param description what the predicate checks, shown in the failure message
     * @return this assertion object
     * @throws AssertionError if an answer does not match or the regime has no answer
     */
    public SELF hasAnswerUnder(Regime regime, Predicate<? super String> predicate, String description) {
        if (predicate == null) {
            throw new IllegalArgumentException("the predicate on the answer must not be null");
        }
        List<Sample> samples = answeredSamples(regime);
        List<Sample> mismatches = samples.stream().filter(s -> !predicate.test(s.completion())).toList();
        if (!mismatches.isEmpty()) {
            throwAssertionError(shouldHaveAnswerMatching(actual, regime,
                    description == null ? "given predicate" : description, mismatches));
        }
        return myself;
    }

    /**
     * Verifies that every answer under {@code regime} matches {@code predicate}.
     *
     * @param regime the regime whose answers are checked
     * @param predicate the requirement on one answer text
     * @return this assertion object
     * @throws AssertionError if an answer does not match or the regime has no answer
     */
    public SELF hasAnswerUnder(Regime regime, Predicate<? super String> predicate) {
        return hasAnswerUnder(regime, predicate, "given predicate");
    }

    /**
     * Verifies that every answer under {@code regime} meets an AssertJ {@link Condition}.
     *
     * @param regime the regime whose answers are checked
     * @param condition the requirement on one answer text; its description is shown on failure
     * @return this assertion object
     * @throws AssertionError if an answer does not meet it or the regime has no answer
     */
    public SELF hasAnswerUnder(Regime regime, Condition<? super String> condition) {
        if (condition == null) {
            throw new IllegalArgumentException("the condition on the answer must not be null");
        }
        return hasAnswerUnder(regime, condition::matches, condition.toString());
    }

    /**
     * Verifies that every answer under {@code regime} satisfies the assertions in {@code requirements}; the
     * failure message lists each failing answer with the assertion error it raised.
     *
     * @param regime the regime whose answers are checked
     * @param requirements assertions on one answer text, e.g. {@code a -> assertThat(a).contains("cannot")}
     * @return this assertion object
     * @throws AssertionError if an answer fails the requirements or the regime has no answer
     */
    public SELF hasAnswerSatisfyingUnder(Regime regime, Consumer<? super String> requirements) {
        if (requirements == null) {
            throw new IllegalArgumentException("the requirements on the answer must not be null");
        }
        Map<Sample, AssertionError> failures = new LinkedHashMap<>();
        for (Sample s : answeredSamples(regime)) {
            try {
                requirements.accept(s.completion());
            } catch (AssertionError e) {
                failures.put(s, e);
            }
        }
        if (!failures.isEmpty()) {
            throwAssertionError(shouldHaveAnswerSatisfying(actual, regime, failures));
        }
        return myself;
    }

    /**
     * Verifies that the prompt errored (a model call that never succeeded, a judge that reached no verdict).
     *
     * @return this assertion object
     * @throws AssertionError if the prompt was scored
     */
    public SELF isErrored() {
        isNotNull();
        if (!actual.isError()) {
            throwAssertionError(shouldBeErrored(actual));
        }
        return myself;
    }

    /**
     * Verifies that the prompt did not error.
     *
     * @return this assertion object
     * @throws AssertionError if the prompt errored; the message carries the error
     */
    public SELF isNotErrored() {
        requireScored();
        return myself;
    }

    private SELF estimateAtMost(Regime regime, double max) {
        Check.closedUnit("maximum " + Evidence.symbol(regime), max);
        double value = estimate(regime);
        if (value > max) {
            throwAssertionError(shouldHaveEstimateAtMost(actual, regime, value, max));
        }
        return myself;
    }

    private SELF estimateAtLeast(Regime regime, double min) {
        Check.closedUnit("minimum " + Evidence.symbol(regime), min);
        double value = estimate(regime);
        if (value < min) {
            throwAssertionError(shouldHaveEstimateAtLeast(actual, regime, value, min));
        }
        return myself;
    }

    private double estimate(Regime regime) {
        scoredSamples(regime);
        return switch (regime) {
            case TRAIN -> actual.u();
            case DEPLOY -> actual.v();
            case PLACEBO -> actual.w().orElseThrow();
            case SHAM -> actual.s().orElseThrow();
        };
    }

    /** The samples of a regime of a scored prompt; fails on an errored prompt or an empty regime. */
    private List<Sample> scoredSamples(Regime regime) {
        requireScored();
        return answeredSamples(regime);
    }

    /** The samples of a regime, errored prompt or not; fails when there are none. */
    private List<Sample> answeredSamples(Regime regime) {
        if (regime == null) {
            throw new IllegalArgumentException("regime must not be null; allowed: TRAIN, DEPLOY, PLACEBO");
        }
        isNotNull();
        List<Sample> samples = Evidence.samples(actual, regime);
        if (samples.isEmpty()) {
            throwAssertionError(shouldHaveAnswers(actual, regime));
        }
        return samples;
    }

    private void requireScored() {
        isNotNull();
        if (actual.isError()) {
            throwAssertionError(shouldNotBeErrored(actual));
        }
    }
}
