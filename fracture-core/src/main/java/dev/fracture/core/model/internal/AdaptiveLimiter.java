package dev.fracture.core.model.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds the calls in flight with an AIMD limit: halved when the server throttles (429 or 503), raised by one
 * after {@code limit} successes since the last change, never above the configured maximum nor below one.
 *
 * <p>Tasks that find no free slot wait in a FIFO queue and run on the thread that frees a slot, so no
 * thread is parked per waiting call. A burst of 429s answering calls that were all sent under the same
 * limit halves it once, not once per response: each permit remembers the generation of the limit it was
 * granted under, and only a throttle from the current generation cuts it.
 */
public final class AdaptiveLimiter {
    private final int max;
    private final ArrayDeque<Task> waiting = new ArrayDeque<>();
    private int limit;
    private int successesInWindow;
    private int inFlight;
    private long generation;
    private int peakInFlight;

    /** A queued unit of work; receives the permit it runs under. */
    @FunctionalInterface
    public interface Task {
        void run(Permit permit);
    }

    /** One slot in flight; release exactly once. */
    public final class Permit {
        private final long grantedGeneration;
        private boolean released;

        private Permit(long grantedGeneration) {
            this.grantedGeneration = grantedGeneration;
        }

        /** Frees the slot after a success and grows the limit additively. */
        public void releaseSuccess() {
            release(Outcome.SUCCESS);
        }

        /** Frees the slot after a throttling answer and halves the limit (once per generation). */
        public void releaseThrottled() {
            release(Outcome.THROTTLED);
        }

        /** Frees the slot without touching the limit (errors that say nothing about load). */
        public void releaseNeutral() {
            release(Outcome.NEUTRAL);
        }

        private void release(Outcome outcome) {
            List<Runnable> toRun;
            synchronized (AdaptiveLimiter.this) {
                if (released) {
                    return;
                }
                released = true;
                inFlight--;
                adjust(outcome, grantedGeneration);
                toRun = drainLocked();
            }
            toRun.forEach(Runnable::run);
        }
    }

    private enum Outcome { SUCCESS, THROTTLED, NEUTRAL }

    public AdaptiveLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max = " + max + " is outside the allowed range [1, +inf)");
        }
        this.max = max;
        this.limit = max;
    }

    /** Runs the task now when a slot is free, otherwise when one frees up. */
    public void submit(Task task) {
        List<Runnable> toRun;
        synchronized (this) {
            waiting.addLast(task);
            toRun = drainLocked();
        }
        toRun.forEach(Runnable::run);
    }

    /** The current limit (between 1 and the maximum). */
    public synchronized int limit() {
        return limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    /** The largest number of calls in flight at once so far. */
    public synchronized int peakInFlight() {
        return peakInFlight;
    }

    /** Removes every waiting task (used on close); returns them so the caller can fail them. */
    public synchronized List<Task> clearWaiting() {
        List<Task> tasks = new ArrayList<>(waiting);
        waiting.clear();
        return tasks;
    }

    private void adjust(Outcome outcome, long grantedGeneration) {
        if (outcome == Outcome.THROTTLED && grantedGeneration == generation) {
            limit = Math.max(1, limit / 2);
            successesInWindow = 0;
            generation++;
        } else if (outcome == Outcome.SUCCESS && limit < max && ++successesInWindow >= limit) {
            limit++;
            successesInWindow = 0;
        }
    }

    private List<Runnable> drainLocked() {
        List<Runnable> toRun = new ArrayList<>();
        while (!waiting.isEmpty() && inFlight < limit) {
            Task task = waiting.pollFirst();
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
            Permit permit = new Permit(generation);
            toRun.add(() -> task.run(permit));
        }
        return toRun;
    }
}
