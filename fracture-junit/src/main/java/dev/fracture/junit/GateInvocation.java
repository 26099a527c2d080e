package dev.fracture.junit;

import dev.fracture.core.FlipExample;
import dev.fracture.core.FractureResult;
import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.JudgeCorrectedGate;
import dev.fracture.core.run.RunResult;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
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
 * explanation. INCONCLUSIVE fails the same way, or with {@code fracture.gate.inconclusive=abort} aborts, but only
 * when it lacks prompts: a gate that cannot decide because prompts errored (the model was not fully measured) or
 * because the protocol differs from its lock always fails.
 *
 * <p>The decision is published and thrown before JUnit resolves the method's parameters, so it is always
 * reported. With {@code fracture.judge.correction} set, the judge-corrected FRACTURE is reported beside the raw
 * rate or, under {@code gate}, decided on ({@link JudgeCorrectedGate}).
 */
final class GateInvocation implements TestTemplateInvocationContext {
    private final RunResult result;
    private final Throwable failure;
    private final GateResult gate;
    private final MeasurementPlan plan;
    private final RunInfo info;
    private final Listeners listeners;
    private final ErrorTally errors;
    private final Optional<LockCheck> lock;
    private final String runKey;
    private ScoreTally scores;
    private QuietPrompts quiet;
    private BaselineCheck baselineCheck;
    private BaselineCheck.Verdict baseline;

    private GateInvocation(RunResult result, Throwable failure, GateResult sequential, MeasurementPlan plan,
                           RunInfo info, Listeners listeners, ErrorTally errors, Optional<LockCheck> lock,
                           String runKey) {
        this.runKey = runKey;
        this.result = result;
        this.failure = failure;
        this.plan = plan;
        this.lock = lock;
        this.gate = result == null ? null : locked(sequential != null ? sequential
                : JudgeCorrectedGate.evaluate(result.result(), plan.settings().gate(), plan.settings().correction()));
        this.info = info;
        this.listeners = listeners;
        this.errors = errors;
    }

    /** The gate after a run; {@code errors} holds the run's errored prompts, named in a failure message. */
    static GateInvocation of(MeasurementRun.Item end, MeasurementPlan plan, RunInfo info, Listeners listeners,
                             ErrorTally errors, Optional<LockCheck> lock, String runKey) {
        return new GateInvocation(end.result(), end.failure(), end.sequentialGate(), plan, info, listeners, errors,
                lock, runKey);
    }

    /** The gated cue's scores, for the τ-sensitivity curve reported beside the decision. */
    GateInvocation withScores(ScoreTally tally) {
        this.scores = tally;
        return this;
    }

    /** The prompts measured without an invocation, said in the report entries and the failure message. */
    GateInvocation withQuiet(QuietPrompts tally) {
        this.quiet = tally;
        return this;
    }

    /** The regression gate against a baseline checkpoint, measured when this gate decides. */
    GateInvocation withBaseline(BaselineCheck check) {
        this.baselineCheck = check;
        return this;
    }

    /** A PASS under a protocol that differs from its lock is not a PASS. */
    private GateResult locked(GateResult measured) {
        if (lock.isEmpty()) {
            return measured;
        }
        LockCheck check = lock.get();
        String lockLine = "; " + check.describe();
        if (check.matches()) {
            return withExplanation(measured, measured.outcome(), measured.explanation() + lockLine + ", followed.");
        }
        String diff = check.differences().stream().collect(Collectors.joining("; "));
        if (measured.outcome() == GateOutcome.FAIL) {
            return withExplanation(measured, GateOutcome.FAIL, measured.explanation() + lockLine
                    + ", not followed: " + diff + ".");
        }
        return withExplanation(measured, GateOutcome.INCONCLUSIVE, measured.explanation()
                + " Not a PASS: the protocol differs from its lock (" + check.describe() + "): " + diff
                + " → INCONCLUSIVE; restore the locked protocol, or review the change and write a new lock.");
    }

    private static GateResult withExplanation(GateResult g, GateOutcome outcome, String explanation) {
        return g.withOutcome(outcome, explanation);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return gate == null ? DisplayNames.gateError(failure) : DisplayNames.gate(gate);
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new PromptInvocation.ObservationResolver(null), new Decision(), new SkipMethod());
    }

    /** Publishes and decides before parameters are resolved. */
    private final class Decision implements BeforeTestExecutionCallback {
        @Override
        public void beforeTestExecution(ExtensionContext context) throws Exception {
            String key = RerunMemo.key(context.getUniqueId(), runKey);
            Optional<Throwable> before = RerunMemo.failedGate(key);
            if (before.isPresent()) {
                context.publishReportEntry("fracture.rerun", "this gate failed before in this JVM; its decision"
                        + " stands");
                throw rethrow(before.get());
            }
            try {
                decide(context);
            } catch (Throwable t) {
                RerunMemo.gateFailed(key, t);
                throw rethrow(t);
            }
        }
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new RuntimeException(t);
    }

    /** The gate is not a prompt: the user's method never sees a bogus observation. */
    private static final class SkipMethod implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext extensionContext) {
            invocation.skip();
        }
    }

    private void decide(ExtensionContext context) throws Throwable {
        if (gate == null) {
            throw failure;
        }
        lock.ifPresent(check -> listeners.lockChecked(info, check));
        // A baseline that cannot be measured does not erase the candidate's decision: it is recorded, then the
        // baseline's failure is thrown (after a gate FAIL, which stays the primary failure).
        Exception baselineFailure = null;
        if (baselineCheck != null) {
            try {
                baseline = baselineCheck.run();
                listeners.baselineCompared(info, baseline);
                context.publishReportEntry("fracture.baseline", baseline.describe());
            } catch (Exception e) {
                baselineFailure = e;
            }
        }
        listeners.gateDecided(info, result.results(), gate, result.stats());
        context.publishReportEntry("fracture.gate", gate.explanation());
        String withoutInvocation = quietLine();
        if (!withoutInvocation.isEmpty()) {
            context.publishReportEntry("fracture.invocations", withoutInvocation);
        }
        if (scores != null) {
            context.publishReportEntry("fracture.tau-curve", "FRACTURE(τ) from the same scores, pointwise "
                    + DisplayNames.number(100 * gate.config().confidence()) + "% " + gate.config().method()
                    .displayName() + " (τ fixed before the run decides; this curve is a sensitivity check): "
                    + scores.curve(gate.config().confidence(), gate.config().method()).format());
        }
        context.publishReportEntry("fracture.gate.power", gate.power().format(gate.config().budget())
                + (plan.settings().sequential().enabled() ? " (of the fixed-N gate on as many prompts)" : ""));
        result.result().shamReport().ifPresent(line -> context.publishReportEntry("fracture.gate.sham", line));
        gate.judgeCorrected().ifPresent(c -> context.publishReportEntry("fracture.gate.judge-corrected",
                (c.gated() ? "gated: " : "reported only: ") + c.format()));
        if (gate.outcome() == GateOutcome.FAIL) {
            AssertionFailedError fail = new AssertionFailedError(message(""));
            if (baselineFailure != null) {
                fail.addSuppressed(baselineFailure);
            }
            throw fail;
        }
        if (baselineFailure != null) {
            throw baselineFailure;
        }
        if (baseline != null && baseline.fails()) {
            throw new AssertionFailedError(message(System.lineSeparator() + "The gate alone is " + gate.outcome()
                    + ", but the candidate regressed against the baseline (below)."));
        }
        if (gate.outcome() == GateOutcome.INCONCLUSIVE) {
            boolean lockBroken = lock.map(l -> !l.matches()).orElse(false);
            if (gate.errors() > 0) {
                throw new AssertionFailedError(message(System.lineSeparator() + "The model was not fully measured ("
                        + gate.errors() + " prompts errored), so this is a failure whatever "
                        + FractureKeys.GATE_INCONCLUSIVE + " says: fix the cause below and rerun (the response cache "
                        + "keeps what succeeded)."));
            }
            if (lockBroken) {
                throw new AssertionFailedError(message(""));
            }
            if (plan.settings().inconclusive() == Settings.Inconclusive.ABORT) {
                throw new TestAbortedException(message(""));
            }
            throw new AssertionFailedError(message(" (set " + FractureKeys.GATE_INCONCLUSIVE
                    + "=abort to report a gate that lacks prompts as aborted instead of failed)"));
        }
    }

    /** The failure message; {@code hint} follows the explanation, before the flipped and errored prompts. */
    private String message(String hint) {
        FractureResult gated = result.result();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "alignment-faking gate %s for %s on %s: %s, %s, τ = %s, pool %s, cue %s%n%s%s", gate.outcome(),
                plan.name(), DisplayNames.inert(info.subject()), plan.settings().axis().key(),
                plan.settings().decoder().label(), gated.tau().format(),
                DisplayNames.inert(plan.pool().name()), DisplayNames.inert(gated.cue()), gate.explanation(), hint));
        sb.append(System.lineSeparator()).append(gate.power().format(gate.config().budget()));
        if (baseline != null) {
            sb.append(System.lineSeparator()).append(baseline.describe());
        }
        gated.shamReport().ifPresent(line -> sb.append(System.lineSeparator()).append(line));
        String withoutInvocation = quietLine();
        if (!withoutInvocation.isEmpty()) {
            sb.append(System.lineSeparator()).append(withoutInvocation);
        }
        if (!gated.flips().isEmpty()) {
            sb.append(System.lineSeparator()).append("flipped prompts (largest v − u first): ")
                    .append(gated.flips().stream().limit(10).map(GateInvocation::flip)
                            .collect(Collectors.joining(", ")));
        }
        String errored = errors.describe(gated.cue());
        if (!errored.isEmpty()) {
            // Prompt ids and server error bodies are untrusted, and reporters render messages as HTML.
            sb.append(System.lineSeparator()).append(DisplayNames.inert(errored));
        }
        return sb.toString();
    }

    private String quietLine() {
        return quiet == null ? "" : quiet.describe(plan.cues().train().size());
    }

    private static String flip(FlipExample f) {
        return String.format(Locale.ROOT, "%s (u=%.2f, v=%.2f)", DisplayNames.inert(f.promptId()), f.u(), f.v());
    }
}
