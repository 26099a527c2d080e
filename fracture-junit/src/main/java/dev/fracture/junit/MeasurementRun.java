package dev.fracture.junit;

import dev.fracture.core.FractureResult;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.SequentialGate;
import dev.fracture.core.pool.IndexedPrompts;
import dev.fracture.core.pool.LoadedPool;
import dev.fracture.core.run.RunResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One running measurement: the engine works on a background thread while JUnit pulls the outcomes, in
 * pool order, from a lazy stream that ends with the run's result. Kept in the template's Store;
 * closing it interrupts a run that JUnit abandoned.
 *
 * <p>The hand-off holds at most {@link #CAPACITY} outcomes: when JUnit runs the invocations more slowly than
 * the engine measures (reporters writing attachments, a slow test body), the engine waits instead of
 * queueing every outcome with its completions, so memory stays flat however large the pool.
 */
final class MeasurementRun implements AutoCloseable {

    /**
     * An element of the stream: one prompt's outcome, a prompt the sequential gate did not measure (with the
     * reason), or the end of the run (a result, with the sequential gate's decision when it ran, or a failure).
     */
    record Item(PromptOutcome outcome, RunResult result, Throwable failure, Prompt skipped, String skipReason,
                GateResult sequentialGate) {

        Item(PromptOutcome outcome, RunResult result, Throwable failure) {
            this(outcome, result, failure, null, null, null);
        }

        boolean isOutcome() {
            return outcome != null;
        }

        boolean isSkipped() {
            return skipped != null;
        }

        /** Neither an outcome nor a skipped prompt: the end of the stream. */
        boolean isEnd() {
            return outcome == null && skipped == null;
        }
    }

    /** Outcomes waiting for JUnit, at most; twice the runner's default prompts in flight. */
    static final int CAPACITY = 64;

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    private MeasurementRun(MeasurementEngine engine, MeasurementPlan plan) {
        thread = new Thread(() -> work(engine, plan), "fracture-" + plan.name());
        thread.setDaemon(true);
    }

    static MeasurementRun start(MeasurementEngine engine, MeasurementPlan plan) {
        MeasurementRun run = new MeasurementRun(engine, plan);
        run.thread.start();
        return run;
    }

    private void work(MeasurementEngine engine, MeasurementPlan plan) {
        try {
            if (plan.settings() != null && plan.pool() != null && plan.settings().sequential().enabled()
                    && !plan.pool().prompts().isEmpty()) {
                sequential(engine, plan);
                return;
            }
            RunResult result = engine.run(plan, o -> publish(new Item(o, null, null)));
            publish(new Item(null, result, null));
        } catch (Throwable t) { // any failure must end the stream, or JUnit would wait forever
            publish(new Item(null, null, t));
        }
    }

    /**
     * The sequential gate: measures the pool batch by batch in the gate's order, looks after each batch, stops at
     * PASS or FAIL; the prompts after the stop are published as skipped, with the reason.
     */
    private void sequential(MeasurementEngine engine, MeasurementPlan plan) throws Exception {
        Settings.Sequential mode = plan.settings().sequential();
        List<Prompt> prompts = plan.pool().prompts();
        long seed = plan.settings().decoder().seed();
        // The gate's order of a pool read from its file: the same permutation, of positions instead of prompts.
        List<Prompt> ordered = mode.poolOrder() ? prompts : prompts instanceof IndexedPrompts indexed
                ? indexed.shuffled(seed) : SequentialGate.order(prompts, seed);
        SequentialGate gate = new SequentialGate(plan.settings().gate(), mode.batch(),
                mode.poolOrder() ? "pool" : "shuffled");
        String gatedCue = plan.cues().train().get(0).id();
        List<RunResult> parts = new ArrayList<>();
        int next = 0;
        while (next < ordered.size() && gate.state() == SequentialGate.State.CONTINUE) {
            List<Prompt> batch = ordered.subList(next, Math.min(ordered.size(), next + mode.batch()));
            MeasurementPlan part = new MeasurementPlan(plan.id(), plan.name(), new LoadedPool(plan.pool().name(),
                    batch, plan.pool().skippedOtherAxis()), plan.settings(), plan.cues());
            // Prompts complete in any order; the gate sees them in the batch's order, fixed before measuring, so
            // the sequence never depends on which answers came back first and a merge can replay it.
            // Only the gated cue's reading is kept (errored, flip or not), not the outcome with its answers.
            Map<String, Boolean> gated = new ConcurrentHashMap<>();
            Map<String, Boolean> errored = new ConcurrentHashMap<>();
            parts.add(engine.run(part, o -> {
                if (o.cue().equals(gatedCue)) {
                    if (o.isError()) {
                        errored.put(o.promptId(), Boolean.TRUE);
                    } else {
                        gated.put(o.promptId(), o.isFlip());
                    }
                }
                publish(new Item(o, null, null));
            }));
            for (Prompt p : batch) {
                if (errored.containsKey(p.id())) {
                    gate.observeError(p.id());
                } else if (gated.containsKey(p.id())) {
                    gate.observe(p.id(), gated.get(p.id()));
                }
            }
            next += batch.size();
            gate.look();
        }
        String reason = "not measured: the sequential gate decided " + gate.state() + " after " + gate.used()
                + " of " + ordered.size() + " prompts";
        for (Prompt p : ordered.subList(next, ordered.size())) {
            publish(new Item(null, null, null, p, reason, null));
        }
        var d = plan.settings().decoder();
        int callsPerPrompt = (plan.cues().train().size() + 1 + (plan.settings().placebo() ? 1 : 0)
                + (plan.settings().sham().isPresent() ? 1 : 0)) * d.samples();
        publish(new Item(null, merge(parts), null, null, null, gate.result(ordered.size(), callsPerPrompt)));
    }

    /** The batches' results added up per cue (every batch measures every cue, in the same order). */
    static RunResult merge(List<RunResult> parts) {
        RunResult merged = parts.get(0);
        for (RunResult r : parts.subList(1, parts.size())) {
            List<FractureResult> results = new ArrayList<>();
            for (int i = 0; i < merged.results().size(); i++) {
                results.add(merged.results().get(i).merge(r.results().get(i)));
            }
            merged = new RunResult(results, merged.stats().plus(r.stats()));
        }
        return merged;
    }

    /**
     * Waits for room, on whichever engine thread emits; gives up only when the run is closed (nobody reads any
     * more). An interrupt does not drop the item, which JUnit would then wait for: it is kept for the caller.
     */
    private void publish(Item item) {
        boolean interrupted = false;
        try {
            while (!closed) {
                try {
                    if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The outcomes as they complete, then exactly one end item. */
    Stream<Item> stream() {
        Iterator<Item> it = new Iterator<>() {
            private boolean ended;

            @Override
            public boolean hasNext() {
                return !ended;
            }

            @Override
            public Item next() {
                if (ended) {
                    throw new NoSuchElementException();
                }
                Item item = take();
                ended = item.isEnd();
                return item;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    private Item take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Item(null, null, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
