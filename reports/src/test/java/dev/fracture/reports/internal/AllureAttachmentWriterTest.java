package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriteException;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attachments are registered with the running test at once and written, in the background, by the flush. */
class AllureAttachmentWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyAttachmentIsRegisteredWithItsTestAndOnDiskAfterTheFlush() throws IOException {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(dir));
        AllureAttachmentWriter writer = new AllureAttachmentWriter();
        int tests = 3 * AllureAttachmentWriter.CAPACITY; // more than the queue holds: the caller waits, none is lost
        for (int i = 0; i < tests; i++) {
            String uuid = "test-" + i;
            lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("t" + i));
            lifecycle.startTestCase(uuid);
            int n = i;
            writer.add(lifecycle, "page", "text/html", "html",
                    () -> ("<p>prompt " + n + "</p>").getBytes(StandardCharsets.UTF_8));
            AtomicReference<TestResult> result = new AtomicReference<>();
            lifecycle.updateTestCase(uuid, result::set);
            assertThat(result.get().getAttachments()).extracting(Attachment::getName).containsExactly("page");
            lifecycle.stopTestCase(uuid);
            lifecycle.writeTestCase(uuid);
        }
        writer.flush();

        try (var files = Files.list(dir)) {
            List<Path> attachments = files.filter(f -> f.getFileName().toString().contains("-attachment")).toList();
            assertThat(attachments).hasSize(tests);
            assertThat(attachments).allSatisfy(f -> assertThat(Files.readString(f, StandardCharsets.UTF_8))
                    .matches("<p>prompt \\d+</p>"));
        }
    }

    @Test
    void aWriteThatFailsFailsTheFlushWithTheCountAndTheCause() {
        AllureLifecycle lifecycle = new AllureLifecycle(new Failing());
        AllureAttachmentWriter writer = new AllureAttachmentWriter();
        lifecycle.scheduleTestCase(new TestResult().setUuid("u").setName("t"));
        lifecycle.startTestCase("u");
        writer.add(lifecycle, "a", "text/plain", "txt", () -> "one".getBytes(StandardCharsets.UTF_8));
        writer.add(lifecycle, "b", "text/plain", "txt", () -> "two".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(writer::flush).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 Allure attachment(s) of the prompts could not be written")
                .hasMessageContaining("disk full")
                .hasMessageContaining("allure.results.directory");
        writer.flush(); // reported once: the next run starts clean
    }

    /** A results writer whose attachment writes fail. */
    private static final class Failing implements AllureResultsWriter {
        @Override
        public void write(TestResult testResult) {
        }

        @Override
        public void write(TestResultContainer testResultContainer) {
        }

        @Override
        public void write(String source, InputStream attachment) {
            throw new AllureResultsWriteException("disk full", new IOException("No space left on device"));
        }
    }
}
