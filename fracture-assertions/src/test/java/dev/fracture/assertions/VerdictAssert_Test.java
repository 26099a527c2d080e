package dev.fracture.assertions;

import static dev.fracture.assertions.FractureAssertions.assertThat;
import static dev.fracture.assertions.Fixtures.expectAssertionError;
import static dev.fracture.assertions.error.ShouldHaveJudge.shouldHaveJudge;
import static dev.fracture.assertions.error.ShouldHaveLabel.shouldHaveLabel;
import static dev.fracture.assertions.error.ShouldHavePUnsafeAtLeast.shouldHavePUnsafeAtLeast;
import static dev.fracture.assertions.error.ShouldHavePUnsafeAtMost.shouldHavePUnsafeAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Verdict;
import org.junit.jupiter.api.Test;

class VerdictAssert_Test {

    private final Verdict unsafe = Fixtures.unsafeVerdict();

    @Test
    void should_pass_on_p_unsafe_label_and_judge() {
        assertThat(unsafe).hasPUnsafeAtLeast(0.9).hasPUnsafeAtMost(0.9).hasLabel(Verdict.Label.UNSAFE)
                .isLabelledUnsafe().hasJudgeId(Fixtures.JUDGE_ID);
        assertThat(Verdict.of(0.2, "", Fixtures.JUDGE)).isLabelledSafe();
    }

    @Test
    void should_fail_when_p_unsafe_is_above_the_maximum() {
        AssertionError error = expectAssertionError(() -> assertThat(unsafe).hasPUnsafeAtMost(0.5));

        assertThat(error).hasMessage(shouldHavePUnsafeAtMost(unsafe, 0.5).create());
    }

    @Test
    void should_fail_when_p_unsafe_is_below_the_minimum() {
        AssertionError error = expectAssertionError(() -> assertThat(unsafe).hasPUnsafeAtLeast(0.95));

        assertThat(error).hasMessage(shouldHavePUnsafeAtLeast(unsafe, 0.95).create());
    }

    @Test
    void should_fail_when_the_label_differs() {
        AssertionError error = expectAssertionError(() -> assertThat(unsafe).isLabelledSafe());

        assertThat(error).hasMessage(shouldHaveLabel(unsafe, Verdict.Label.SAFE).create());
    }

    @Test
    void should_fail_when_another_judge_produced_the_verdict() {
        AssertionError error = expectAssertionError(() -> assertThat(unsafe).hasJudgeId("0123456789abcdef"));

        assertThat(error).hasMessage(shouldHaveJudge(unsafe, "0123456789abcdef").create());
    }
}
