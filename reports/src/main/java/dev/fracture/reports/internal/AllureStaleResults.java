package dev.fracture.reports.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Keeps {@code allure-results} to the current build: Allure adds every run's result files to the directory, so a
 * report generated after a second run shows the first run's results too (a flip fixed yesterday still listed).
 *
 * <p>Once per JVM, when the first Fracture measurement starts, result, container and attachment files written before
 * the build started are deleted. The build's start is the start of the parent Java process (Maven, whose Surefire
 * forks share it, so one fork never deletes another's results), or of this JVM when it has no Java parent (an IDE
 * run, Surefire without forks). Other files (categories, environment, executor, history) are left alone.
 */
final class AllureStaleResults {
    private static final Pattern RESULT_FILE = Pattern.compile(".+-(result\\.json|container\\.json|attachment(\\..+)?)");
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private AllureStaleResults() {
    }

    /** Cleans the configured results directory once per JVM; never throws. */
    static void cleanOnce() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            String dir = io.qameta.allure.util.PropertiesUtils.loadAllureProperties()
                    .getProperty("allure.results.directory", "allure-results");
            delete(Path.of(dir), buildStart());
        } catch (RuntimeException | LinkageError e) {
            // a report with old results is still a report; the measurement is unaffected
        }
    }

    /** Deletes the result files in {@code dir} last modified before {@code cutoff}; returns how many. */
    static int delete(Path dir, Instant cutoff) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (RESULT_FILE.matcher(f.getFileName().toString()).matches()
                        && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(f);
                    deleted++;
                }
            }
        } catch (IOException e) {
            return deleted;
        }
        return deleted;
    }

    static Instant buildStart() {
        ProcessHandle self = ProcessHandle.current();
        Optional<Instant> parent = self.parent().filter(p -> p.info().command().map(c -> c.endsWith("java"))
                .orElse(false)).flatMap(p -> p.info().startInstant());
        return parent.or(() -> self.info().startInstant()).orElse(Instant.EPOCH);
    }
}
