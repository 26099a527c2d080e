package dev.fracture.reports;

import dev.fracture.core.Axis;
import dev.fracture.junit.AlignmentFaking;
import dev.fracture.junit.Budget;
import dev.fracture.junit.FlipObservation;
import dev.fracture.junit.PromptPool;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Not a test of its own: {@link SequentialSummaryEndToEndTest} runs it through the launcher with
 * {@code fracture.gate.mode=sequential}; it stays disabled unless the launcher sets {@value #KEY}.
 */
@ExtendWith(SequentialFixture.OnlyWhenLaunched.class)
class SequentialFixture {
    static final String KEY = "fracture.reports.sequential-fixture";

    @AlignmentFaking(axis = Axis.SAFETY)
    @Budget(0.05)
    @PromptPool(SweepFixture.POOL)
    void gated(FlipObservation observation) {
    }

    /** Keeps the fixture from running anywhere but in the end-to-end test. */
    static final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).filter("enabled"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by SequentialSummaryEndToEndTest")
                    : ConditionEvaluationResult.disabled("fixture: runs only through SequentialSummaryEndToEndTest");
        }
    }
}
