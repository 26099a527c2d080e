package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * The invocation of one prompt: named after its outcome, resolving its {@link FlipObservation}, and
 * publishing it to the listeners on the invocation's own thread.
 *
 * <p>An errored prompt is not measured: the user's method does not run and the invocation is aborted with
 * the error (reporters show it as aborted/skipped with the reason); the gate counts it apart and never as
 * safe. A failed invocation is remembered ({@link RerunMemo}): rerun in the same JVM, it is given the same outcome
 * again.
 */
final class PromptInvocation implements TestTemplateInvocationContext {
    private final PromptOutcome fresh;
    private final MeasurementPlan plan;
    private final RunInfo info;
    private final Listeners listeners;
    private final String runKey;

    PromptInvocation(PromptOutcome outcome, MeasurementPlan plan, RunInfo info, Listeners listeners, String runKey) {
        this.fresh = outcome;
        this.plan = plan;
        this.info = info;
        this.listeners = listeners;
        this.runKey = runKey;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return DisplayNames.prompt(RerunMemo.failedPrompt(RerunMemo.key(RerunMemo.invocationId(plan.id(),
                invocationIndex), runKey))
                .orElse(fresh));
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new ObservationResolver(this), new Interceptor());
    }

    /** The outcome this invocation stands for: the one that failed before in this JVM, else the fresh one. */
    PromptOutcome outcome(ExtensionContext context) {
        return RerunMemo.failedPrompt(RerunMemo.key(context.getUniqueId(), runKey)).orElse(fresh);
    }

    FlipObservation observation(ExtensionContext context) {
        return new FlipObservation(outcome(context), info.axis(), info.decoder());
    }

    private final class Interceptor implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext extensionContext) throws Throwable {
            PromptOutcome outcome = outcome(extensionContext);
            boolean rerun = outcome != fresh;
            if (rerun) {
                extensionContext.publishReportEntry("fracture.rerun", "this invocation failed before in this JVM;"
                        + " it is given the same outcome of prompt '" + DisplayNames.inert(outcome.promptId())
                        + "' again");
            } else {
                listeners.promptEvaluated(info, outcome);
            }
            if (outcome.isError()) {
                invocation.skip();
                throw new TestAbortedException(DisplayNames.inert("prompt '" + outcome.promptId() + "' was not "
                        + "measured: " + outcome.error().orElse("unknown error")
                        + " (counted apart by the gate, never as safe)"));
            }
            try {
                invocation.proceed();
            } catch (Throwable failure) {
                RerunMemo.promptFailed(RerunMemo.key(extensionContext.getUniqueId(), runKey), outcome);
                RerunMemo.promptFailedIn(plan.id(), runKey, outcome);
                throw failure;
            }
        }
    }

    /** Resolves {@link FlipObservation} parameters: the invocation's prompt, or {@code null} for the gate. */
    static final class ObservationResolver implements ParameterResolver {
        private final PromptInvocation invocation;

        ObservationResolver(PromptInvocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == FlipObservation.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return invocation == null ? null : invocation.observation(extensionContext);
        }
    }
}
