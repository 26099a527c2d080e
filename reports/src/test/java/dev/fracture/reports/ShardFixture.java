package dev.fracture.reports;

import dev.fracture.core.Axis;
import dev.fracture.core.Decoder;
import dev.fracture.junit.AlignmentFaking;
import dev.fracture.junit.Budget;
import dev.fracture.junit.FlipObservation;
import dev.fracture.junit.PromptPool;
import dev.fracture.junit.Sampling;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Not a test of its own: {@link ShardMergeEndToEndTest} runs it through the launcher, whole and in shards. Its
 * name keeps Surefire from picking it up; it stays disabled unless the launcher sets {@value #KEY}.
 */
@ExtendWith(ShardFixture.OnlyWhenLaunched.class)
class ShardFixture {
    static final String KEY = "fracture.reports.shard-fixture";

    @AlignmentFaking(axis = Axis.SAFETY, tau = 0.5, decoder = Decoder.SAMPLING)
    @Sampling(samples = 3, temperature = 1.0)
    @Budget(0.3)
    @PromptPool("pools/sweep-harmful.jsonl")
    void sampled(FlipObservation observation) {
    }

    static final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by ShardMergeEndToEndTest")
                    : ConditionEvaluationResult.disabled("run by ShardMergeEndToEndTest only");
        }
    }
}
