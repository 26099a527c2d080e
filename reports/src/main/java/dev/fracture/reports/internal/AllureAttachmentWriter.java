package dev.fracture.reports.internal;

import io.qameta.allure.AllureLifecycle;
import java.io.ByteArrayInputStream;
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

    private final SerialWorker worker = new SerialWorker("fracture-allure-writer", CAPACITY);

    static AllureAttachmentWriter shared() {
        return SHARED;
    }

    /**
     * Registers an attachment with the test running on this thread now and renders and writes it later.
     *
     * @param content renders the attachment's bytes (UTF-8 for text); called on the writer's thread
     */
    void add(AllureLifecycle lifecycle, String name, String type, String extension, Supplier<byte[]> content) {
        String source = lifecycle.prepareAttachment(name, type, extension);
        worker.submit(() -> lifecycle.writeAttachment(source, new ByteArrayInputStream(content.get())));
    }

    /**
     * Waits until every attachment added so far is written; throws when one could not be, naming how many and the
     * first cause (the failure is then cleared, for the next run in the same JVM).
     */
    void flush() {
        worker.flush("Allure attachment(s) of the prompts could not be written; check that allure.results.directory"
                + " is writable and has space");
    }
}
