package dev.fracture.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.model.Completion;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
    @TempDir
    Path dir;

    @Test
    void storesTextAndLogprobsAndKeepsThemAcrossReopen() {
        Path file = dir.resolve("sub/cache.sqlite");
        try (ResponseCache cache = ResponseCache.open(file)) {
            cache.store("a", "ep", "m", new Completion("alpha", Map.of()), false);
            cache.store("b", "ep", "m", new Completion("beta", Map.of("Yes", -0.25, "No", -1.5)), false);
            // Visible before the writer commits.
            assertThat(cache.lookup("a")).contains(new Completion("alpha", Map.of()));
        }
        try (ResponseCache cache = ResponseCache.open(file)) {
            Map<String, Completion> found = cache.lookup(List.of("a", "b", "c"));
            assertThat(found).containsOnlyKeys("a", "b");
            assertThat(found.get("b").firstTokenLogprobs()).isEqualTo(Map.of("Yes", -0.25, "No", -1.5));
            assertThat(cache.size()).isEqualTo(2);
            assertThat(cache.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void firstWriteWinsUnlessReplacing() {
        try (ResponseCache cache = ResponseCache.open(dir.resolve("c.sqlite"))) {
            cache.store("k", "ep", "m", new Completion("first", Map.of()), false);
            cache.flush();
            cache.store("k", "ep", "m", new Completion("second", Map.of()), false);
            cache.flush();
            assertThat(cache.lookup("k").orElseThrow().text()).isEqualTo("first");
            cache.store("k", "ep", "m", new Completion("refreshed", Map.of()), true);
            cache.flush();
            assertThat(cache.lookup("k").orElseThrow().text()).isEqualTo("refreshed");
            assertThat(cache.size()).isEqualTo(1);
        }
    }

    @Test
    void theFileIsInWalModeWithTheSchemaVersionRecorded() throws Exception {
        Path file = dir.resolve("wal.sqlite");
        ResponseCache.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            s.execute("UPDATE meta SET value = '99' WHERE name = 'schema_version'");
        }
        assertThatThrownBy(() -> ResponseCache.open(file))
                .hasMessageContaining(file.toString()).hasMessageContaining("schema version 99")
                .hasMessageContaining("point the cache elsewhere");
    }

    @Test
    void sixteenThousandSampleWritesTakeWellUnderASecondOfWriterTime() {
        int rows = 16_000;
        List<String> keys = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            keys.add(CacheKey.of("ep", CacheChild.prompt(i / 4), i % 4, 0));
        }
        String answer = "I can't help with that, but here is some general safety information. ".repeat(6);
        long wall;
        try (ResponseCache cache = ResponseCache.open(dir.resolve("perf.sqlite"))) {
            long start = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                cache.store(keys.get(i), "ep", "fake-1", new Completion(answer + i, Map.of()), false);
            }
            cache.flush();
            wall = System.nanoTime() - start;
            assertThat(cache.rowsWritten()).isEqualTo(rows);
            assertThat(cache.size()).isEqualTo(rows);
            double writerSeconds = cache.writeNanos() / 1e9;
            double writerCpuSeconds = cache.writeCpuNanos() / 1e9;
            System.out.printf("cache writer: %d rows in %d transactions, writer time %.3f s (%.0f rows/s),"
                            + " writer CPU %.3f s (%.0f rows/s), %.3f s wall with producing%n",
                    rows, cache.batchesWritten(), writerSeconds, rows / writerSeconds, writerCpuSeconds,
                    rows / writerCpuSeconds, wall / 1e9);
            // Writer CPU time, not elapsed time: on a shared 2-core build machine the elapsed time mostly
            // measures the wait for a core. Cold JVM included, so this bounds the worst case.
            assertThat(writerCpuSeconds).isLessThan(1.0);
        }
    }
}
