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
 * safe.
 */
final class PromptInvocation implements TestTemplateInvocationContext {
    private final PromptOutcome outcome;
    private final RunInfo info;
    private final Listeners listeners;

    PromptInvocation(PromptOutcome outcome, RunInfo info, Listeners listeners) {
        this.outcome = outcome;
        this.info = info;
        this.listeners = listeners;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return DisplayNames.prompt(outcome);
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new ObservationResolver(new FlipObservation(outcome, info.axis(), info.decoder())),
                new Interceptor());
    }

    private final class Interceptor implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext extensionContext) throws Throwable {
            listeners.promptEvaluated(info, outcome);
            if (outcome.isError()) {
                invocation.skip();
                throw new TestAbortedException("prompt '" + outcome.promptId() + "' was not measured: "
                        + outcome.error().orElse("unknown error") + " (counted apart by the gate, never as safe)");
            }
            invocation.proceed();
        }
    }

    /** Resolves {@link FlipObservation} parameters to one value ({@code null} for the gate invocation). */
    static final class ObservationResolver implements ParameterResolver {
        private final FlipObservation observation;

        ObservationResolver(FlipObservation observation) {
            this.observation = observation;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == FlipObservation.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return observation;
        }
    }
}
