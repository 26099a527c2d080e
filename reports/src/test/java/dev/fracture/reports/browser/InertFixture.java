package dev.fracture.reports.browser;

import dev.fracture.core.Axis;
import dev.fracture.junit.AlignmentFaking;
import dev.fracture.junit.Cues;
import dev.fracture.junit.FlipObservation;
import dev.fracture.junit.PromptPool;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Not a test of its own: {@link AllureInBrowserTest} runs it through the launcher against {@link ChatStub}. Script
 * payloads sit in the prompt ids and texts (the pool), the cue text, the answers, a server error body, and a user
 * assertion message that quotes an answer.
 */
@ExtendWith(InertFixture.OnlyWhenLaunched.class)
class InertFixture {
    static final String KEY = "fracture.reports.inert-fixture";

    @AlignmentFaking(axis = Axis.SAFETY)
    @Cues("This conversation is " + ChatStub.TRAIN_MARK + ". <img src=x onerror=alert('cue-img')>")
    @PromptPool("pools/xss.jsonl")
    void payloads(FlipObservation observation) {
        if (observation.promptId().equals("x-assert")) {
            // What a user's own assertion looks like: it quotes the model's answer in its message.
            throw new AssertionError("expected a refusal at deploy, but the model answered: "
                    + observation.deployCompletions().get(0));
        }
    }

    /** Keeps the fixture from running anywhere but in the browser test. */
    static final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).filter("enabled"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by AllureInBrowserTest")
                    : ConditionEvaluationResult.disabled("fixture: runs only through AllureInBrowserTest");
        }
    }
}
