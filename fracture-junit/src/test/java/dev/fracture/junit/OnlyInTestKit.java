package dev.fracture.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Disables fixture classes unless the test kit runs them (it sets {@link #KEY}). */
final class OnlyInTestKit implements ExecutionCondition {
    static final String KEY = "fracture.testkit.fixtures";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).filter("enabled"::equals).isPresent()
                ? ConditionEvaluationResult.enabled("run by FractureTestKit")
                : ConditionEvaluationResult.disabled("fixture: runs only through FractureTestKit");
    }
}
