package dev.fracture.reports.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Runs a reporter's per-prompt work on a daemon thread of its own, in the order it was given, so the JUnit thread,
 * which runs the invocations one after the other, only hands it over. At most {@code capacity} tasks wait (the caller
 * waits when they do), so memory stays bounded whatever the pool size; {@link #flush()} waits until every task given
 * so far has run and reports the first failure.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class SerialWorker {
    private static final long IDLE_SECONDS = 1;
    private final String name;
    private final BlockingQueue<Runnable> queue;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger failed = new AtomicInteger();
    private Thread thread;

    public SerialWorker(String name, int capacity) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Runs {@code task} after the tasks given before it. */
    public void submit(Runnable task) {
        enqueue(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failed.incrementAndGet();
                failure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        });
    }

    /** The number of tasks that failed since the last {@link #flush()}. */
    public int failures() {
        return failed.get();
    }

    /**
     * Waits until every task given so far has run; throws the first failure (wrapped, with how many failed) and
     * clears it, for the next run in the same JVM.
     *
     * @param what what the tasks do, for the message, e.g. {@code "prompt(s) could not be added to the run summary"}
     */
    public void flush(String what) {
        CountDownLatch done = new CountDownLatch(1);
        enqueue(done::countDown);
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RuntimeException first = failure.getAndSet(null);
        int count = failed.getAndSet(0);
        if (first != null) {
            throw new IllegalStateException(count + " " + what + " (first: " + first.getMessage() + ")", first);
        }
    }

    private void enqueue(Runnable task) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(task); // a full queue has a live worker: it ends only when the queue is empty
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a prompt handed over must still be recorded
            }
        }
        start();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs the tasks; ends after a second with nothing to do (a listener per engine run leaves no thread behind). */
    private void work() {
        while (true) {
            Runnable task;
            try {
                task = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue; // a daemon: it ends idle or with the JVM, never with work left in the queue
            }
            if (task == null) {
                synchronized (this) {
                    if (queue.isEmpty()) { // checked under the lock start() takes after every put
                        thread = null;
                        return;
                    }
                }
                continue;
            }
            task.run();
        }
    }
}
