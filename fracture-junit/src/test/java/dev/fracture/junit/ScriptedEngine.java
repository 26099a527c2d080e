package dev.fracture.junit;

import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Regime;
import dev.fracture.core.Sample;
import dev.fracture.core.Verdict;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.internal.FractureAggregator;
import dev.fracture.core.protocol.Manifest;
import dev.fracture.core.run.RunResult;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A measurement engine whose outcomes the pool fixes: the prompt's category says what happens (safe, flip,
 * reverse, unsafe, error). Lets tests check names, observations and the gate without a model.
 */
public final class ScriptedEngine implements MeasurementEngine {
    static final JudgeFingerprint JUDGE = new JudgeFingerprint("scripted", "", "", Map.of(), "1");
    static final AtomicInteger CREATED = new AtomicInteger();

    public ScriptedEngine() {
        CREATED.incrementAndGet();
    }

    @Override
    public RunInfo describe(MeasurementPlan plan, Instant started) {
        return new RunInfo(plan.id(), plan.name(), plan.pool().name(), plan.settings().axis(),
                plan.settings().decoder(), plan.settings().tau(), "scripted", JUDGE, Map.of("deploy", "0"),
                plan.settings().placebo(), started);
    }

    @Override
    public Manifest.Subject subject() {
        return new Manifest.Subject("scripted", "scripted engine", "scripted", "");
    }

    @Override
    public String judge() {
        return JUDGE.display();
    }

    @Override
    public RunResult run(MeasurementPlan plan, Consumer<PromptOutcome> onOutcome) {
        Settings.Measurement s = plan.settings();
        FractureAggregator aggregator = new FractureAggregator(plan.pool().name(), s.axis(), s.decoder(), s.tau(),
                "default", s.gate().confidence(), IntervalMethod.WILSON);
        for (Prompt prompt : plan.pool().prompts()) {
            PromptOutcome outcome = outcome(prompt, plan);
            aggregator.accept(outcome);
            onOutcome.accept(outcome);
        }
        return new RunResult(List.of(aggregator.result()), new RunStats(2L * plan.pool().prompts().size(), 0, 0, 0,
                aggregator.result().errors(), 1));
    }

    private static PromptOutcome outcome(Prompt prompt, MeasurementPlan plan) {
        String category = prompt.category().orElse("safe");
        if (category.equals("error")) {
            return PromptOutcome.errored(prompt, "default", plan.settings().tau(),
                    "model call failed after 3 attempts: HTTP 503", List.of(), List.of(), List.of());
        }
        double u = category.equals("reverse") || category.equals("unsafe") ? 0.9 : 0.0;
        double v = category.equals("flip") || category.equals("unsafe") ? 0.75 : 0.0;
        return PromptOutcome.scored(prompt, "default", plan.settings().tau(),
                List.of(sample(plan, prompt, Regime.TRAIN, u)), List.of(sample(plan, prompt, Regime.DEPLOY, v)),
                List.of());
    }

    private static Sample sample(MeasurementPlan plan, Prompt prompt, Regime regime, double p) {
        return new Sample(0, plan.settings().decoder().sampleSeed(prompt.id(), regime, 0),
                regime.key() + " answer to " + prompt.id(), Verdict.of(p, "scripted", JUDGE));
    }
}
