package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports never lie: atomic 0644 files, a failed write removes the old reports and fails, partial reruns merge. */
class ReportFilesTest {
    @TempDir
    Path dir;

    private static void run(RunSummaryListener listener, String id, int flips) {
        Fixtures.feed(listener, Fixtures.info(id), Fixtures.pool(id, 40, flips, 0, 0), GateConfig.of(0.3),
                RunStats.empty());
        listener.runFinished();
    }

    @Test
    void everyReportFileIsWorldReadableAndNoTemporaryFileIsLeft() throws Exception {
        run(new RunSummaryListener(dir), "m", 1);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString())
                    .contains("summary.json", "index.html", "transcripts.jsonl", "m1-frontier.svg")
                    .noneMatch(name -> name.endsWith(".tmp"));
            for (Path f : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-r--r--");
            }
        }
    }

    @Test
    void aWriteThatFailsRemovesThePreviousRunsReportsAndThrowsNamingTheDirectoryAndTheFix() throws Exception {
        run(new RunSummaryListener(dir), "m", 0);
        assertThat(SummaryJson.read(dir.resolve("summary.json")).totals().pass()).isEqualTo(1);
        // The next run cannot write its page: index.html is now a directory that is not empty.
        Files.delete(dir.resolve("index.html"));
        Files.createDirectories(dir.resolve("index.html/blocker"));

        RunSummaryListener second = new RunSummaryListener(dir);
        Fixtures.feed(second, Fixtures.info("m"), Fixtures.pool("m", 5, 15, 0, 0), GateConfig.of(0.05),
                RunStats.empty());
        assertThatThrownBy(second::runFinished).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("were not written").hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("index.html").hasMessageContaining("the previous run's summary.json")
                .hasMessageContaining("fracture.reports.dir")
                .hasMessageContaining("could not be removed and are STALE: [" + dir.resolve("index.html").toAbsolutePath());
        assertThat(dir.resolve("summary.json")).as("the previous PASS is gone").doesNotExist();
        assertThat(dir.resolve("transcripts.jsonl")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeRemovedIsNamedAsStale() throws Exception {
        run(new RunSummaryListener(dir), "m", 0);
        Files.delete(dir.resolve("summary.json"));
        Files.createDirectories(dir.resolve("summary.json/blocker")); // neither replaceable nor removable
        RunSummaryListener second = new RunSummaryListener(dir);
        Fixtures.feed(second, Fixtures.info("m"), Fixtures.pool("m", 5, 0, 0, 0), GateConfig.of(0.3),
                RunStats.empty());
        assertThatThrownBy(second::runFinished).hasMessageContaining("could not be removed and are STALE")
                .hasMessageContaining("summary.json");
    }

    @Test
    void aPartialRerunReplacesWhatItMeasuredAndCarriesTheRestOverVisibly() throws Exception {
        RunSummaryListener full = new RunSummaryListener(dir);
        Fixtures.feed(full, Fixtures.info("a"), Fixtures.pool("a", 40, 0, 0, 0), GateConfig.of(0.3), RunStats.empty());
        Fixtures.feed(full, Fixtures.info("b"), Fixtures.pool("b", 40, 0, 0, 0), GateConfig.of(0.3), RunStats.empty());
        full.runFinished();
        String firstRun = SummaryJson.read(dir.resolve("summary.json")).generatedAt();

        // -Dtest=Suite#b: only b runs again, and now fails.
        RunSummaryListener partial = new RunSummaryListener(dir);
        Fixtures.feed(partial, Fixtures.info("b"), Fixtures.pool("b", 10, 30, 0, 0), GateConfig.of(0.05),
                RunStats.empty());
        partial.runFinished();

        RunSummary s = SummaryJson.read(dir.resolve("summary.json"));
        assertThat(s.measurements()).extracting(RunSummary.Measurement::id).containsExactly("a", "b");
        RunSummary.Measurement a = s.measurements().get(0);
        RunSummary.Measurement b = s.measurements().get(1);
        assertThat(a.carriedOver()).isTrue();
        assertThat(a.measuredIn()).isEqualTo(firstRun);
        assertThat(b.carriedOver()).isFalse();
        assertThat(b.measuredIn()).isEqualTo(s.generatedAt());
        assertThat(b.results().get(0).cells().flipTrainToDeploy()).isEqualTo(30);
        assertThat(s.totals().pass()).isEqualTo(1);
        assertThat(s.totals().fail()).isEqualTo(1);
        assertThat(s.verdict()).isEqualTo("NO-GO");
        // The carried-over measurement keeps its transcripts; the rerun one has only the new ones.
        List<String> lines = Files.readAllLines(dir.resolve("transcripts.jsonl"));
        assertThat(lines).hasSize(80);
        assertThat(lines.stream().filter(l -> l.contains("\"measurement\":\"a\""))).hasSize(40);
        assertThat(partial.consoleLines()).anySatisfy(l -> assertThat(l).contains("carried over 1 measurement(s)")
                .contains("a partial run measured 1"));
        assertThat(Files.readString(dir.resolve("index.html"))).contains("1 of 2 measurements were not run this time")
                .contains("carried over</span>");
        assertThat(SchemaCheckErrors.of(Files.readString(dir.resolve("summary.json")))).isEmpty();
    }

    @Test
    void plotsOfAnEarlierLargerRunAreRemoved() throws Exception {
        RunSummaryListener big = new RunSummaryListener(dir);
        for (String id : List.of("a", "b", "c")) {
            Fixtures.feed(big, Fixtures.info(id), Fixtures.pool(id, 20, 0, 0, 0), GateConfig.of(0.3),
                    RunStats.empty());
        }
        big.runFinished();
        assertThat(dir.resolve("m3-frontier.svg")).exists();
        Files.writeString(dir.resolve("notes.svg"), "<svg/>"); // not the dashboard's: left alone
        Files.delete(dir.resolve("summary.json")); // a fresh start, not a partial rerun
        run(new RunSummaryListener(dir), "a", 0);
        assertThat(dir.resolve("m1-frontier.svg")).exists();
        assertThat(dir.resolve("m3-frontier.svg")).doesNotExist();
        assertThat(dir.resolve("notes.svg")).exists();
    }

    /** The schema check, named for reading. */
    private static final class SchemaCheckErrors {
        static List<String> of(String json) {
            return SchemaCheck.errors(json);
        }
    }
}
