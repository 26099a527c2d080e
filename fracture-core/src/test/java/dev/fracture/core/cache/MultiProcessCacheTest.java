package dev.fracture.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import dev.fracture.core.model.Completion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs on one cache file, and a JVM killed with SIGKILL mid-run. */
class MultiProcessCacheTest {
    @TempDir
    Path dir;

    @Test
    void twoJvmsWritingDisjointAndOverlappingKeysAtOnceLoseNothing() throws Exception {
        Path file = dir.resolve("shared.sqlite");
        long start = System.nanoTime();
        Process a = child("write", file.toString(), "0", "30000", "jvm-a");
        Process b = child("write", file.toString(), "15000", "45000", "jvm-b");
        assertThat(a.waitFor(60, TimeUnit.SECONDS)).as("child a finished").isTrue();
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).as("child b finished").isTrue();
        assertThat(a.exitValue()).as(output(a)).isZero();
        assertThat(b.exitValue()).as(output(b)).isZero();
        System.out.printf("multi-JVM cache test: 2 JVMs x 30000 rows (15000 shared) in %.2f s%n", (System.nanoTime() - start) / 1e9);

        try (ResponseCache cache = ResponseCache.open(file)) {
            assertThat(cache.integrityCheck()).isEqualTo("ok");
            assertThat(cache.size()).isEqualTo(45_000);
            List<String> keys = IntStream.range(0, 45_000).mapToObj(CacheChild::key).toList();
            Map<String, Completion> found = cache.lookup(keys);
            assertThat(found).hasSize(45_000);
            IntStream.range(0, 45_000).forEach(i ->
                    assertThat(found.get(CacheChild.key(i)).text()).isEqualTo(CacheChild.value(i)));
        }
    }

    @Test
    void afterKillNineTheFileIsSoundAndARerunFetchesOnlyWhatWasNotStored() throws Exception {
        Path file = dir.resolve("killed.sqlite");
        int prompts = 3000;
        int total = prompts * CacheChild.SAMPLES_PER_PROMPT;
        long start = System.nanoTime();
        Process p = child("run", file.toString(), Integer.toString(prompts), "5");
        long storedBeforeKill = waitForRows(file, 400, p);
        assertThat(p.isAlive()).as("child still running when killed; " + output(p)).isTrue();
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long stored;
        try (ResponseCache cache = ResponseCache.open(file)) {
            assertThat(cache.integrityCheck()).isEqualTo("ok");
            stored = cache.size();
            assertThat(stored).isGreaterThanOrEqualTo(storedBeforeKill).isLessThan(total);

            FakeChatClient model = new FakeChatClient("v1", 0);
            List<List<String>> out = CacheChild.run(cache, model, prompts, 64);
            assertThat(model.samples.get()).isEqualTo(total - stored);
            for (int i = 0; i < prompts; i++) {
                var r = CacheChild.prompt(i);
                List<String> want = IntStream.range(0, r.n()).mapToObj(s -> FakeChatClient.text("v1", r, r.seed() + s)).toList();
                assertThat(out.get(i)).isEqualTo(want);
            }
            assertThat(cache.size()).isEqualTo(total);
        }
        System.out.printf("kill -9 cache test: %d of %d samples stored before SIGKILL, rerun fetched %d, %.2f s%n",
                stored, total, total - stored, (System.nanoTime() - start) / 1e9);
    }

    private long waitForRows(Path file, long rows, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (ResponseCache watcher = ResponseCache.open(file)) {
            while (System.nanoTime() < deadline && p.isAlive()) {
                long n = watcher.size();
                if (n >= rows) {
                    return n;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("child stored fewer than " + rows + " rows in time; " + output(p));
    }

    private Process child(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"),
                CacheChild.class.getName()));
        cmd.addAll(List.of(args));
        File log = Files.createTempFile(dir, "child", ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        logs.put(p, log.toPath());
        return p;
    }

    private final Map<Process, Path> logs = new java.util.concurrent.ConcurrentHashMap<>();

    private String output(Process p) {
        try {
            return "child output: " + Files.readString(logs.get(p));
        } catch (Exception e) {
            return "child output unavailable: " + e;
        }
    }
}
