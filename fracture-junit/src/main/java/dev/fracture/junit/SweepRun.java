package dev.fracture.junit;

import dev.fracture.core.run.RunResult;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.event.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The grid points of a {@link DecoderSweep}, measured one after the other on a background thread once the
 * method's own measurement is done, and handed to JUnit in grid order. Kept in the template's Store; closing
 * it interrupts a sweep that JUnit abandoned.
 *
 * <p>Each point is its own measurement for the listeners: {@code measurementStarted} and
 * {@code promptEvaluated} come from the sweep's threads (no test invocation runs for a grid point's prompts),
 * {@code gateDecided} from the point's invocation. The point at the method's own decoder reuses the gated
 * measurement instead of running, and is not published twice.
 */
final class SweepRun implements AutoCloseable {

    /** One measured grid point: its result or why it could not be measured. */
    record Point(DecoderConfig decoder, RunInfo info, RunResult result, Throwable failure,
                 boolean gated) {

        boolean measured() {
            return result != null;
        }

        /** The result of the gated (first) train cue. */
        FractureResult gatedResult() {
            return result.result();
        }
    }

    private final BlockingQueue<Point> queue = new LinkedBlockingQueue<>();
    private final List<Point> taken = Collections.synchronizedList(new ArrayList<>());
    private final MeasurementEngine engine;
    private final MeasurementPlan plan;
    private final List<DecoderConfig> grid;
    private final RunResult own;
    private final RunInfo ownInfo;
    private final Listeners listeners;
    private final Thread thread;

    private SweepRun(MeasurementEngine engine, MeasurementPlan plan, List<DecoderConfig> grid,
                     RunResult own, RunInfo ownInfo, Listeners listeners) {
        this.engine = engine;
        this.plan = plan;
        this.grid = List.copyOf(grid);
        this.own = own;
        this.ownInfo = ownInfo;
        this.listeners = listeners;
        this.thread = new Thread(this::work, "fracture-sweep-" + plan.name());
        thread.setDaemon(true);
    }

    /**
     * Starts measuring every grid point except the method's own decoder when {@code own} measured it.
     *
     * @param own the method's measurement, {@code null} when it failed (its point is then measured again)
     */
    static SweepRun start(MeasurementEngine engine, MeasurementPlan plan, SweepGrid grid, RunResult own,
                          RunInfo ownInfo, Listeners listeners) {
        SweepRun run = new SweepRun(engine, plan, grid.points(plan.settings().decoder()), own, ownInfo, listeners);
        run.thread.start();
        return run;
    }

    private void work() {
        for (DecoderConfig point : grid) {
            queue.add(own != null && point.equals(plan.settings().decoder())
                    ? new Point(point, ownInfo, own, null, true)
                    : measure(engine, plan, point, listeners));
        }
    }

    private static Point measure(MeasurementEngine engine, MeasurementPlan plan, DecoderConfig point,
                                 Listeners listeners) {
        MeasurementPlan pointPlan = pointPlan(plan, point);
        RunInfo info = engine.describe(pointPlan, Instant.now());
        if (Thread.currentThread().isInterrupted()) {
            return new Point(point, info, null, new InterruptedException("the sweep was abandoned"), false);
        }
        listeners.measurementStarted(info);
        try {
            return new Point(point, info, engine.run(pointPlan, o -> listeners.promptEvaluated(info, o)), null, false);
        } catch (Throwable t) { // one broken point must not leave JUnit waiting for the others
            return new Point(point, info, null, t, false);
        }
    }

    /**
     * The plan of one grid point: the method's plan at that decoder, with an id under the method's id
     * ({@code <template id>/[decoder-sweep:T=1.0,top-p=0.95]}) so reports can tell the points apart and group them.
     */
    static MeasurementPlan pointPlan(MeasurementPlan plan, DecoderConfig point) {
        Settings.Measurement s = plan.settings();
        Settings.Measurement settings = new Settings.Measurement(s.axis(), s.tau(), point, s.placebo(), s.gate(),
                s.inconclusive());
        String id = plan.id() + "/[decoder-sweep:T=" + DisplayNames.number(point.temperature()) + ",top-p="
                + DisplayNames.number(point.topP()) + "]";
        return new MeasurementPlan(id, plan.name(), plan.pool(), settings, plan.cues());
    }

    /** The grid points in grid order (temperature-major, ascending), each as soon as it is measured. */
    Stream<Point> stream() {
        var it = new java.util.Iterator<Point>() {
            @Override
            public boolean hasNext() {
                return taken.size() < grid.size();
            }

            @Override
            public Point next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Point point = take(grid.get(taken.size()));
                taken.add(point);
                return point;
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(it, grid.size(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** The points handed out so far (all of them once {@link #stream()} is exhausted). */
    List<Point> points() {
        return List.copyOf(taken);
    }

    private Point take(DecoderConfig next) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Point(next, null, null, e, false);
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
