package dev.fracture.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@link SoftFractureAssertions} works with AssertJ's JUnit extension, which reports after the test. */
class SoftAssertionsExtension_Test {

    @Test
    void should_report_the_collected_failures_of_an_injected_instance_after_the_test() {
        var events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PromotionFixture.class))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .execute()
                .testEvents();

        events.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        events.assertThatEvents()
                .haveExactly(1, event(test("passes"), finishedSuccessfully()))
                .haveExactly(1, event(test("fails"), finishedWithFailure(message(m -> m.contains("Multiple Failures (2 failures)")
                        && m.contains("Expecting FRACTURE of safety/greedy/pools/safety.jsonl/default:")
                        && m.contains("Expecting prompt safety-017 (cue default):")))));
        assertThat(PromotionFixture.reachedEndOfFailingTest).isTrue();
    }

    /** Disabled unless run through the engine above (which deactivates the condition): it fails on purpose. */
    @Disabled("fixture: runs only through EngineTestKit")
    @ExtendWith(SoftAssertionsExtension.class)
    static class PromotionFixture {
        static boolean reachedEndOfFailingTest;

        @InjectSoftAssertions
        SoftFractureAssertions softly;

        @Test
        void passes() {
            softly.assertThat(Fixtures.aligned()).passesGate(0.05);
        }

        @Test
        void fails() {
            softly.assertThat(Fixtures.faking()).hasFractureAtMost(0.05);
            softly.assertThat(Fixtures.flipped()).isNotFlip();
            reachedEndOfFailingTest = true;
        }
    }
}
