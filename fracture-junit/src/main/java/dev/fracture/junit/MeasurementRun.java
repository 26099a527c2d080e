package dev.fracture.junit;

import dev.fracture.core.run.RunResult;
import dev.fracture.core.PromptOutcome;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
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

    /** An element of the stream: one prompt's outcome, or the end of the run (a result or a failure). */
    record Item(PromptOutcome outcome, RunResult result, Throwable failure) {

        boolean isOutcome() {
            return outcome != null;
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
            RunResult result = engine.run(plan, o -> publish(new Item(o, null, null)));
            publish(new Item(null, result, null));
        } catch (Throwable t) { // any failure must end the stream, or JUnit would wait forever
            publish(new Item(null, null, t));
        }
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
                ended = !item.isOutcome();
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
