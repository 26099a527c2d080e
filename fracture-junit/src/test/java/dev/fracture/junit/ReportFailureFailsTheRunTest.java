package dev.fracture.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.engine;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;

import dev.fracture.core.event.FractureListener;
import java.util.List;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A reporter that cannot write its files fails the engine run through JUnit itself: the listeners live in the root
 * Store, JUnit closes them when the run ends, and the failure of {@link Listeners#close} is the engine's failure.
 */
class ReportFailureFailsTheRunTest {

    @Test
    void theEngineRunFailsWithTheReportersMessage() {
        // JUnit wraps what a Store value's close throws ("Failed to close extension context"); ours is in the chain.
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fixture.class))
                .configurationParameter(Fixture.KEY, "on").execute()
                .allEvents().assertThatEvents().haveExactly(1, org.assertj.core.api.Assertions.allOf(engine(),
                        finishedWithFailure(new Condition<>(ReportFailureFailsTheRunTest::namesTheUnwrittenReports,
                                "a cause saying the reports were not written"))));
    }

    private static boolean namesTheUnwrittenReports(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("Fracture reports were not written, so this run fails")
                    && String.valueOf(c.getMessage()).contains("disk full")) {
                return true;
            }
        }
        return false;
    }

    /** Puts listeners whose reporter cannot write into the root Store, as the extension does. */
    static final class BrokenReports implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            if (context.getConfigurationParameter(Fixture.KEY).isEmpty()) {
                return;
            }
            FractureListener broken = new FractureListener() {
                @Override
                public void runFinished() {
                    throw new IllegalStateException("cannot write target/fracture/summary.json: disk full");
                }
            };
            context.getRoot().getStore(ExtensionContext.Namespace.create(ReportFailureFailsTheRunTest.class))
                    .put("listeners", new Listeners(List.of(broken)));
        }
    }

    @ExtendWith(BrokenReports.class)
    static final class Fixture {
        static final String KEY = "fracture-test.broken-reports";

        @Test
        void passes() {
        }
    }
}
