package dev.fracture.reports.internal;

import io.qameta.allure.AllureLifecycle;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Renders and writes per-prompt Allure attachments on a thread of its own, so the JUnit thread, which runs the
 * invocations one after the other, only registers them. The attachment is registered with the running test on the
 * caller's thread ({@link AllureLifecycle#prepareAttachment}), so it belongs to the right result; its content is
 * rendered and written here. At most {@value #CAPACITY} attachments wait (the caller waits when they do), so memory
 * stays bounded whatever the pool size; {@link #flush()} waits until every registered attachment is written and
 * reports the first failure.
 */
final class AllureAttachmentWriter {
    /** Attachments waiting to be written, at most: each holds one prompt's outcome until it is rendered. */
    static final int CAPACITY = 256;

    private static final AllureAttachmentWriter SHARED = new AllureAttachmentWriter();

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger failed = new AtomicInteger();
    private Thread thread;

    static AllureAttachmentWriter shared() {
        return SHARED;
    }

    /**
     * Registers an attachment with the test running on this thread now and renders and writes it later.
     *
     * @param content renders the attachment's text; called on the writer's thread
     */
    void add(AllureLifecycle lifecycle, String name, String type, String extension, Supplier<String> content) {
        String source = lifecycle.prepareAttachment(name, type, extension);
        enqueue(() -> {
            try {
                lifecycle.writeAttachment(source, new ByteArrayInputStream(content.get()
                        .getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                failure.compareAndSet(null, e);
            }
        });
    }

    /**
     * Waits until every attachment added so far is written; throws when one could not be, naming how many and the
     * first cause (the failure is then cleared, for the next run in the same JVM).
     */
    void flush() {
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
            throw new IllegalStateException(count + " Allure attachment(s) of the prompts could not be written (first: "
                    + first.getMessage() + "); check that allure.results.directory is writable and has space", first);
        }
    }

    private void enqueue(Runnable task) {
        start();
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(task);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // an attachment registered with a test must still be written
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        thread = new Thread(this::work, "fracture-allure-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void work() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                continue; // a daemon: it ends with the JVM, never with work left in the queue
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failed.incrementAndGet();
                failure.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        }
    }
}
