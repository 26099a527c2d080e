package dev.fracture.junit;

import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateResult;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One grid point of a {@link DecoderSweep}: {@code [T=0.70 p=0.95] FRACTURE 0.120 [0.070, 0.200] ≤ 0.05? FAIL}.
 *
 * <p>Informational: whatever the point's gate says, the invocation passes, because the sweep exists to find
 * where the cap lies, and {@code [cap]} judges the grid as a whole. Only a point that could not be measured
 * fails, with the measurement's exception. The user's method is not called.
 */
final class GridPointInvocation implements TestTemplateInvocationContext {
    private final SweepRun.Point point;
    private final GateResult gate;
    private final Listeners listeners;

    GridPointInvocation(SweepRun.Point point, MeasurementPlan plan, Listeners listeners) {
        this.point = point;
        this.gate = point.measured() ? Gate.evaluate(point.gatedResult(), plan.settings().gate()) : null;
        this.listeners = listeners;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        String head = SweepGrid.label(point.decoder()) + " ";
        if (gate == null) {
            return head + "ERROR " + DisplayNames.shorten(String.valueOf(point.failure().getMessage()));
        }
        return head + DisplayNames.verdict(gate) + (point.gated() ? " (gated)" : "");
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
            invocation.skip(); // a grid point is not a prompt
            if (gate == null) {
                throw point.failure();
            }
            if (!point.gated()) { // the gated point was published by the method's own [gate]
                listeners.gateDecided(point.info(), point.result().results(), gate, point.result().stats());
            }
            extensionContext.publishReportEntry("fracture.sweep", point.decoder().label() + ": "
                    + gate.explanation());
        }
    }
}
