package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.summary.RunSummary;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The earlier summary of a second run into the same directory is streamed: only carried-over measurements are bound. */
class EarlierSummaryTest {
    @TempDir
    Path dir;

    private Path twoMeasurements() {
        runAB(new int[] {30, 5, 1, 2}, new int[] {20, 10, 0, 0});
        return dir.resolve(RunSummaryListener.SUMMARY_FILE);
    }

    /** One run of measurements "a" and "b" into {@link #dir}, with these cell counts (safe, flip, reverse, unsafe). */
    private RunSummaryListener runAB(int[] a, int[] b) {
        RunSummaryListener listener = new RunSummaryListener(dir);
        Fixtures.feed(listener, Fixtures.info("a"), Fixtures.pool("a", a[0], a[1], a[2], a[3]), GateConfig.of(0.3),
                RunStats.empty());
        Fixtures.feed(listener, Fixtures.info("b"), Fixtures.pool("b", b[0], b[1], b[2], b[3]), GateConfig.of(0.3),
                RunStats.empty());
        listener.runFinished();
        return listener;
    }

    @Test
    void aRerunOfEveryMeasurementBindsNoneAndKeepsTheDate() {
        Path file = twoMeasurements();
        RunSummary whole = SummaryJson.read(file);

        EarlierSummary earlier = EarlierSummary.read(file, Set.of("a", "b", "c"));

        assertThat(earlier.generatedAt()).isEqualTo(whole.generatedAt());
        assertThat(earlier.carried()).isEmpty();
        assertThat(EarlierSummary.scan(file).ids()).containsExactly("a", "b");
    }

    @Test
    void theMeasurementsNotRunAgainAreBoundAsTheWholeReadBindsThem() {
        Path file = twoMeasurements();
        RunSummary whole = SummaryJson.read(file);

        EarlierSummary earlier = EarlierSummary.read(file, Set.of("b"));

        assertThat(earlier.carried()).extracting(RunSummary.Measurement::id).containsExactly("a");
        assertThat(json(earlier.carried().get(0))).isEqualTo(json(whole.measurements().get(0)));
        assertThat(EarlierSummary.read(file, Set.of()).carried()).extracting(RunSummary.Measurement::id)
                .containsExactly("a", "b");
    }

    @Test
    void aMeasurementRunAgainIsSkippedUnreadSoItsContentCannotFailTheRead() throws Exception {
        Path file = twoMeasurements();
        // "stats" of b is no object: binding b would fail; a run that measures b again never binds it.
        String text = Files.readString(file);
        int b = text.indexOf("\"id\" : \"b\"");
        int stats = text.indexOf("\"stats\" :", b);
        Files.writeString(file, text.substring(0, stats) + "\"stats\" : \"not an object\", \"was\" :"
                + text.substring(stats + "\"stats\" :".length()));

        assertThat(EarlierSummary.read(file, Set.of("b")).carried()).extracting(RunSummary.Measurement::id)
                .containsExactly("a");
        assertThatThrownBy(() -> EarlierSummary.read(file, Set.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("does not match " + RunSummary.SCHEMA);
    }

    @Test
    void aLargeEarlierSummaryOfTheSameMeasurementIsReadWithoutHoldingIt() throws Exception {
        Path file = twoMeasurements();
        // About 23 MB of points inside measurement b (readers skip fields they do not know): reading the file whole
        // allocates at least its size as a string, and more as a tree.
        String text = Files.readString(file);
        int b = text.indexOf("\"id\" : \"b\"");
        Path large = dir.resolve("large.json");
        try (BufferedWriter out = Files.newBufferedWriter(large)) {
            out.write(text, 0, b);
            out.write("\"points\" : [");
            for (int i = 0; i < 600_000; i++) {
                out.write((i == 0 ? "" : ",") + "{\"id\":\"b-" + i + "\",\"u\":0.125,\"v\":0.875}");
            }
            out.write("],\n");
            out.write(text, b, text.length() - b);
        }
        long size = Files.size(large);
        assertThat(size).isGreaterThan(20_000_000L);
        EarlierSummary.read(large, Set.of("b")); // loads the classes and warms up once

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        EarlierSummary earlier = EarlierSummary.read(large, Set.of("b"));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(earlier.carried()).extracting(RunSummary.Measurement::id).containsExactly("a");
        assertThat(allocated).as("bytes allocated reading a %d-byte summary", size).isLessThan(size / 10);
        assertThat(SummaryJson.read(large).measurements()).extracting(RunSummary.Measurement::id)
                .containsExactly("a", "b");
    }

    @Test
    void aSecondRunOfTheSameMeasurementsWritesOnlyItsOwnAndCarriesNothing() {
        twoMeasurements();
        RunSummaryListener again = runAB(new int[] {40, 0, 0, 0}, new int[] {40, 0, 0, 0});

        RunSummary s = SummaryJson.read(dir.resolve(RunSummaryListener.SUMMARY_FILE));
        assertThat(s.measurements()).extracting(RunSummary.Measurement::carriedOver).containsExactly(false, false);
        assertThat(s.measurements()).extracting(m -> m.frontier().n()).containsExactly(40, 40);
        assertThat(again.consoleLines()).noneMatch(l -> l.contains("carried over") || l.contains("unreadable"));
    }

    @Test
    void filesThatAreNoSummaryAreRefusedNamingTheFileAndTheProblem() throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, "{\"schema\" : \"fracture-summary/4\", \"measurements\" : [ {\"id\" : ");
        assertThatThrownBy(() -> EarlierSummary.read(file, Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " is not valid JSON (line 1)");
        Files.writeString(file, "{\"generatedAt\" : \"2026-01-01T00:00:00Z\", \"measurements\" : []}");
        assertThatThrownBy(() -> EarlierSummary.read(file, Set.of())).hasMessageContaining(file.toString())
                .hasMessageContaining("has no \"schema\" field");
        Files.writeString(file, "{\"schema\" : \"fracture-summary/99\", \"measurements\" : []}");
        assertThatThrownBy(() -> EarlierSummary.read(file, Set.of()))
                .hasMessageContaining("has schema \"fracture-summary/99\"");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> EarlierSummary.read(file, Set.of())).hasMessageContaining("not a JSON object");
    }

    private static String json(RunSummary.Measurement m) {
        return SummaryJson.toJson(new RunSummary(RunSummary.SCHEMA, "t", null, List.of(m), null));
    }
}
