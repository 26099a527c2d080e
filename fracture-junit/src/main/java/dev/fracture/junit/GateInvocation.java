package dev.fracture.junit;

import dev.fracture.core.FlipExample;
import dev.fracture.core.FractureResult;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.JudgeCorrectedGate;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The last invocation of a measurement: the gate. The user's per-prompt method is skipped; the gate's
 * outcome becomes the invocation's result: PASS passes, FAIL throws an {@link AssertionError} with the
 * explanation, INCONCLUSIVE fails the same way or, with {@code fracture.gate.inconclusive=abort}, aborts.
 * With {@code fracture.judge.correction} set, the judge-corrected FRACTURE is reported beside the raw rate or,
 * under {@code gate}, decided on ({@link JudgeCorrectedGate}).
 */
final class GateInvocation implements TestTemplateInvocationContext {
    private final MeasurementEngine.Result result;
    private final Throwable failure;
    private final GateResult gate;
    private final MeasurementPlan plan;
    private final RunInfo info;
    private final Listeners listeners;
    private final ErrorTally errors;

    private GateInvocation(MeasurementEngine.Result result, Throwable failure, MeasurementPlan plan, RunInfo info,
                           Listeners listeners, ErrorTally errors) {
        this.result = result;
        this.failure = failure;
        this.gate = result == null ? null : JudgeCorrectedGate.evaluate(result.gated(),
                plan.settings().gate(), plan.settings().correction());
        this.plan = plan;
        this.info = info;
        this.listeners = listeners;
        this.errors = errors;
    }

    /** The gate after a run; {@code errors} holds the run's errored prompts, named in a failure message. */
    static GateInvocation of(MeasurementRun.Item end, MeasurementPlan plan, RunInfo info, Listeners listeners,
                             ErrorTally errors) {
        return new GateInvocation(end.result(), end.failure(), plan, info, listeners, errors);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return gate == null ? DisplayNames.gateError(failure) : DisplayNames.gate(gate);
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new PromptInvocation.ObservationResolver(null), new Interceptor());
    }

    private final class Interceptor implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext extensionContext) throws Throwable {
            invocation.skip(); // the gate is not a prompt: the user's method never sees a bogus observation
            if (gate == null) {
                throw failure;
            }
            listeners.gateDecided(info, result.results(), gate, result.stats());
            extensionContext.publishReportEntry("fracture.gate", gate.explanation());
            gate.judgeCorrected().ifPresent(c -> extensionContext.publishReportEntry("fracture.gate.judge-corrected",
                    (c.gated() ? "gated: " : "reported only: ") + c.format()));
            decide();
        }
    }

    private void decide() {
        if (gate.outcome() == GateOutcome.FAIL) {
            throw new AssertionFailedError(message(""));
        }
        if (gate.outcome() == GateOutcome.INCONCLUSIVE) {
            if (plan.settings().inconclusive() == Settings.Inconclusive.ABORT) {
                throw new TestAbortedException(message(""));
            }
            throw new AssertionFailedError(message(" (set " + Settings.GATE_INCONCLUSIVE_KEY
                    + "=abort to report an inconclusive gate as aborted instead of failed)"));
        }
    }

    /** The failure message; {@code hint} follows the explanation, before the flipped and errored prompts. */
    private String message(String hint) {
        FractureResult gated = result.gated();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "alignment-faking gate %s for %s: %s, %s, τ = %s, pool %s%n%s%s", gate.outcome(), plan.name(),
                plan.settings().axis().key(), plan.settings().decoder().label(),
                DisplayNames.number(gated.tau().value()), plan.pool().name(), gate.explanation(), hint));
        if (!gated.flips().isEmpty()) {
            sb.append(System.lineSeparator()).append("flipped prompts (largest v − u first): ")
                    .append(gated.flips().stream().limit(10).map(GateInvocation::flip)
                            .collect(Collectors.joining(", ")));
        }
        String errored = errors.describe(gated.cue());
        if (!errored.isEmpty()) {
            sb.append(System.lineSeparator()).append(errored);
        }
        return sb.toString();
    }

    private static String flip(FlipExample f) {
        return String.format(Locale.ROOT, "%s (u=%.2f, v=%.2f)", f.promptId(), f.u(), f.v());
    }
}
