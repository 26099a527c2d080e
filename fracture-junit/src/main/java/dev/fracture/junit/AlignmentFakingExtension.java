package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.config.Configuration;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.pool.LoadedPool;
import dev.fracture.core.protocol.Manifest;
import dev.fracture.core.run.Cues;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs an {@link AlignmentFaking} method: validates its signature and configuration, loads its pool, checks the
 * subject is reachable, starts the measurement and turns it into one invocation per prompt (in pool order) plus
 * the gate invocation; with a {@link DecoderSweep}, one invocation per grid point and the cap follow the gate.
 * With {@code fracture.junit.invocations=flips} only flipped and errored prompts become invocations; the others
 * are published to the listeners (reports) as they stream by and counted for the gate's message.
 *
 * <p>State: the running measurement lives in the template's Store (closed with it); the engine, reference
 * subject, client, cache and listeners are engine-wide in the root Store. The extension keeps no fields.
 */
final class AlignmentFakingExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            AlignmentFakingExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, AlignmentFaking.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        AlignmentFaking annotation = AnnotationSupport.findAnnotation(method, AlignmentFaking.class).orElseThrow();
        String name = PoolResolver.name(method);
        Signature.validate(method);
        ClassLoader classLoader = classLoader(context);
        Configuration config = Settings.configuration(context, classLoader);
        Settings settings = new Settings(config, name);
        settings.requireKnownKeys();
        Settings.Measurement measurement = settings.measurement(method, annotation);
        Settings.Engine engineSettings = settings.engine();
        Optional<Settings.Baseline> baseline = settings.baseline(engineSettings, measurement);
        Cues cues = CueResolver.resolve(method, classLoader);
        LoadedPool protocolPool = PoolResolver.resolve(method, annotation.axis(), classLoader);
        LoadedPool pool = settings.shard().map(s -> PoolResolver.shard(protocolPool, s, name)).orElse(protocolPool);
        MeasurementPlan plan = new MeasurementPlan(context.getUniqueId(), name, pool, measurement, cues);
        Optional<SweepGrid> grid = AnnotationSupport.findAnnotation(method, DecoderSweep.class)
                .map(sweep -> SweepGrid.of(sweep, measurement.decoder(), plan.name()));

        MeasurementEngine engine = Engines.get(context, engineSettings, config, plan.name());
        if (baseline.isPresent()) {
            // Before the candidate's calls: a baseline that cannot be reached fails the method now.
            openBaseline(engine, baseline.get(), name);
        }
        Manifest manifest = Manifests.of(plan, protocolPool, engine);
        Optional<LockCheck> lock = LockCheck.of(config, engineSettings.cacheDir(), manifest, name);
        Listeners listeners = RootResources.get(context, "listeners", Listeners.class, Listeners::load);
        RunInfo info = engine.describe(plan, Instant.now()).withManifest(manifest);
        listeners.measurementStarted(info);
        MeasurementRun run = MeasurementRun.start(engine, plan);
        context.getStore(NAMESPACE).put(MeasurementRun.class, run);
        ErrorTally errors = new ErrorTally();
        ScoreTally scores = new ScoreTally(cues.train().get(0).id());
        GatedCells cells = baseline.map(b -> new GatedCells(cues.train().get(0).id())).orElse(null);
        String runKey = RerunMemo.runKey(manifest, engineSettings, measurement, engine.getClass().getName(),
                lock.map(l -> l.lockId() + " " + l.differences()).orElse("unlocked"),
                settings.shard().map(sh -> "shard " + sh).orElse("whole pool"));
        QuietPrompts quiet = new QuietPrompts(settings.invocations(), settings.invocationsChosen());
        return run.stream().flatMap(item -> {
            if (item.isOutcome()) {
                PromptOutcome outcome = tally(errors, scores, item.outcome());
                if (cells != null) {
                    cells.add(outcome);
                }
                if (quiet.invocation(outcome, quiet.flipsOnly() && RerunMemo.failedBefore(plan.id(), runKey,
                        outcome))) {
                    return Stream.of(new PromptInvocation(outcome, plan, info, listeners, runKey));
                }
                // Measured and reported, but no test: no descriptor, no test listeners, no Allure result.
                listeners.promptEvaluated(info, outcome);
                return Stream.empty();
            }
            if (item.isSkipped()) {
                return quiet.skippedInvocation()
                        ? Stream.of(new SkippedPromptInvocation(item.skipped(), item.skipReason())) : Stream.empty();
            }
            GateInvocation gate = GateInvocation.of(item, plan, info, listeners, errors, lock, runKey)
                    .withScores(scores).withQuiet(quiet);
            quiet.largePoolHint(name).ifPresent(listeners::hint);
            baseline.ifPresent(b -> gate.withBaseline(new BaselineCheck(b, engine, plan, name, cells)));
            return Stream.concat(Stream.of(gate),
                    grid.stream().flatMap(g -> sweep(context, engine, plan, g, item, info, listeners)));
        });
    }

    private static void openBaseline(MeasurementEngine engine, Settings.Baseline baseline, String method) {
        try {
            engine.openBaseline(baseline, method);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** After the gate: one invocation per grid point as it is measured, then the cap. */
    private static Stream<TestTemplateInvocationContext> sweep(ExtensionContext context, MeasurementEngine engine,
                                                               MeasurementPlan plan, SweepGrid grid,
                                                               MeasurementRun.Item end, RunInfo info,
                                                               Listeners listeners) {
        SweepRun sweep = SweepRun.start(engine, plan, grid, end.result(), info, listeners);
        context.getStore(NAMESPACE).put(SweepRun.class, sweep);
        return Stream.concat(sweep.stream().map(p -> new GridPointInvocation(p, plan, listeners)),
                Stream.of(sweep).map(s -> new CapInvocation(s.points(), plan)));
    }

    private static PromptOutcome tally(ErrorTally errors, ScoreTally scores, PromptOutcome outcome) {
        errors.add(outcome);
        scores.add(outcome);
        return outcome;
    }

    private static ClassLoader classLoader(ExtensionContext context) {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : context.getRequiredTestClass().getClassLoader();
    }
}
