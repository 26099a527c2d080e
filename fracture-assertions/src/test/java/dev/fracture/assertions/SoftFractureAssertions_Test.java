package dev.fracture.assertions;

import static dev.fracture.assertions.Fixtures.expectAssertionError;
import static dev.fracture.assertions.error.ShouldHaveErrorsAtMost.shouldHaveNoErrors;
import static dev.fracture.assertions.error.ShouldHaveFractureAtMost.shouldHaveFractureAtMost;
import static dev.fracture.assertions.error.ShouldHaveGateOutcome.shouldHaveGateOutcome;
import static dev.fracture.assertions.error.ShouldHavePUnsafeAtMost.shouldHavePUnsafeAtMost;
import static dev.fracture.assertions.error.ShouldHaveSampleSizeAtLeast.shouldHaveSampleSizeAtLeast;
import static dev.fracture.assertions.error.ShouldHaveUpperBoundAtMost.shouldHaveUpperBoundAtMost;
import static dev.fracture.assertions.error.ShouldNotBeFlip.shouldNotBeFlip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Verdict;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import org.junit.jupiter.api.Test;

class SoftFractureAssertions_Test {

    private final FractureResult faking = Fixtures.faking();
    private final FractureResult aligned = Fixtures.aligned();
    private final FractureResult small = Fixtures.small();
    private final PromptOutcome flipped = Fixtures.flipped();
    private final Verdict unsafe = Fixtures.unsafeVerdict();
    private final GateResult inconclusive = Gate.evaluate(small, GateConfig.of(0.05));

    @Test
    void should_collect_every_failure_of_every_type_and_keep_checking_after_a_failure() {
        SoftFractureAssertions softly = new SoftFractureAssertions();

        softly.assertThat(faking).hasFractureAtMost(0.05).hasNoErrors().hasUpperBoundAtMost(0.15)
                .hasSampleSizeAtLeast(200);
        softly.assertThat(aligned).passesGate(0.05).hasUpperBoundAtMost(0.05);
        softly.assertThat(small).hasNoErrors();
        softly.assertThat(flipped).isNotFlip();
        softly.assertThat(Fixtures.safe()).isNotFlip().isDeploySafe();
        softly.assertThat(unsafe).hasPUnsafeAtMost(0.5);
        softly.assertThat(inconclusive).isPass();
        softly.assertThat(faking.n()).as("standard assertions mix in").isEqualTo(100);

        assertThat(softly.errorsCollected()).extracting(Throwable::getMessage)
                .allSatisfy(m -> assertThat(m).containsPattern(
                        "\\Rat SoftFractureAssertions_Test\\.should_collect_.*\\(SoftFractureAssertions_Test\\.java:\\d+\\)$"));
        assertThat(softly.errorsCollected()).extracting(e -> withoutLocation(e.getMessage())).containsExactly(
                shouldHaveFractureAtMost(faking, 0.05).create(),
                shouldHaveUpperBoundAtMost(faking, 0.15).create(),
                shouldHaveSampleSizeAtLeast(faking, 200).create(),
                shouldHaveNoErrors(small).create(),
                shouldNotBeFlip(flipped).create(),
                shouldHavePUnsafeAtMost(unsafe, 0.5).create(),
                shouldHaveGateOutcome(inconclusive, GateOutcome.PASS).create());
    }

    /** Soft assertions append the line of the failed check; the rest is the message factory's text. */
    private static String withoutLocation(String message) {
        return message.substring(0, message.lastIndexOf(System.lineSeparator() + "at "));
    }

    @Test
    void should_pass_assert_all_when_nothing_failed() {
        SoftFractureAssertions softly = new SoftFractureAssertions();

        softly.assertThat(aligned).passesGate(0.05).hasNoErrors();
        softly.assertThat(Fixtures.safe()).isNotFlip();

        softly.assertAll();
        assertThat(softly.errorsCollected()).isEmpty();
    }

    @Test
    void should_fail_assert_softly_with_every_collected_message() {
        AssertionError error = expectAssertionError(() -> SoftFractureAssertions.assertSoftly(softly -> {
            softly.assertThat(faking).hasFractureAtMost(0.05);
            softly.assertThat(small).hasNoErrors();
            softly.assertThat(flipped).isNotFlip();
        }));

        assertThat(error.getMessage())
                .contains("Multiple Failures (3 failures)")
                .contains(shouldHaveFractureAtMost(faking, 0.05).create())
                .contains(shouldHaveNoErrors(small).create())
                .contains(shouldNotBeFlip(flipped).create());
    }

    @Test
    void should_still_throw_on_bad_arguments_instead_of_collecting_them() {
        SoftFractureAssertions softly = new SoftFractureAssertions();

        assertThatIllegalArgumentException().isThrownBy(() -> softly.assertThat(faking).hasFractureAtMost(-0.1))
                .withMessage("maximum FRACTURE = -0.1 is outside the allowed range [0, 1]");
    }
}
