package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One running measurement: the engine works on a background thread while JUnit pulls the outcomes, in
 * completion order, from a lazy stream that ends with the run's result. Kept in the template's Store;
 * closing it interrupts a run that JUnit abandoned.
 */
final class MeasurementRun implements AutoCloseable {

    /** An element of the stream: one prompt's outcome, or the end of the run (a result or a failure). */
    record Item(PromptOutcome outcome, MeasurementEngine.Result result, Throwable failure) {

        boolean isOutcome() {
            return outcome != null;
        }
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

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
            MeasurementEngine.Result result = engine.run(plan, o -> queue.add(new Item(o, null, null)));
            queue.add(new Item(null, result, null));
        } catch (Throwable t) { // any failure must end the stream, or JUnit would wait forever
            queue.add(new Item(null, null, t));
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
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
