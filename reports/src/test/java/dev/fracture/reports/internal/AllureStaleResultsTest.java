package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allure's results directory keeps the current build's results only. */
class AllureStaleResultsTest {
    @TempDir
    Path dir;

    private Path file(String name, Instant modified) throws Exception {
        Path f = Files.writeString(dir.resolve(name), "{}");
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void resultFilesFromBeforeTheBuildGoAndEverythingElseStays() throws Exception {
        Instant build = Instant.parse("2026-12-03T12:00:00Z");
        Instant before = build.minusSeconds(3600);
        Instant during = build.plusSeconds(60);
        Path oldResult = file("a1-result.json", before);
        Path oldContainer = file("b2-container.json", before);
        Path oldAttachment = file("c3-attachment.html", before);
        Path newResult = file("d4-result.json", during);
        Path newAttachment = file("e5-attachment.json", during);
        Path categories = file("categories.json", before);
        Path environment = file("environment.properties", before);

        assertThat(AllureStaleResults.delete(dir, build)).isEqualTo(3);
        assertThat(oldResult).doesNotExist();
        assertThat(oldContainer).doesNotExist();
        assertThat(oldAttachment).doesNotExist();
        assertThat(newResult).exists();
        assertThat(newAttachment).exists();
        assertThat(categories).exists();
        assertThat(environment).exists();
    }

    @Test
    void aMissingDirectoryIsNothingToDo() {
        assertThat(AllureStaleResults.delete(dir.resolve("none"), Instant.now())).isZero();
    }

    @Test
    void theBuildStartIsNoLaterThanThisJvmsStart() {
        Instant self = ProcessHandle.current().info().startInstant().orElseThrow();
        assertThat(AllureStaleResults.buildStart()).isBeforeOrEqualTo(self);
    }
}
