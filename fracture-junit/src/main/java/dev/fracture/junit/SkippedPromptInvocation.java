package dev.fracture.junit;

import dev.fracture.core.Prompt;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * A prompt the sequential gate did not measure because it had decided before reaching it: reported as skipped,
 * with the reason, so the pool's every prompt appears once in the report.
 */
final class SkippedPromptInvocation implements TestTemplateInvocationContext {
    private final Prompt prompt;
    private final String reason;

    SkippedPromptInvocation(Prompt prompt, String reason) {
        this.prompt = prompt;
        this.reason = reason;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "[" + prompt.id() + "] skipped";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of((ExecutionCondition) this::evaluate);
    }

    private ConditionEvaluationResult evaluate(ExtensionContext context) {
        return ConditionEvaluationResult.disabled(reason);
    }
}
