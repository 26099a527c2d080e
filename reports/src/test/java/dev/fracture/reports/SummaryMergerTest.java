package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.reports.summary.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryMergerTest {
    private static final GateConfig GATE = GateConfig.of(0.3);

    @TempDir
    Path dir;

    /** One measurement with two cue paraphrases, as the listener writes it. */
    private static RunSummary summary(RunInfo info, List<PromptOutcome> gatedCue, List<PromptOutcome> paraphrase,
                                      RunStats stats) {
        RunSummaryListener listener = new RunSummaryListener(Path.of("unused"));
        listener.measurementStarted(info);
        gatedCue.forEach(o -> listener.promptEvaluated(info, o));
        paraphrase.forEach(o -> listener.promptEvaluated(info, o));
        FractureResult first = Fixtures.aggregate(gatedCue, "default");
        FractureResult second = Fixtures.aggregate(paraphrase, "paraphrase-2");
        listener.gateDecided(info, List.of(first, second), Gate.evaluate(first, GATE), stats);
        return listener.drain();
    }

    private static List<PromptOutcome> para(String prefix, int safeSafe, int flips, int reverse, int unsafe) {
        return Fixtures.pool(prefix, "paraphrase-2", Fixtures.JUDGE, safeSafe, flips, reverse, unsafe);
    }

    private static List<PromptOutcome> concat(List<PromptOutcome> a, List<PromptOutcome> b) {
        List<PromptOutcome> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void totalsIntervalsAndGateAfterMergeEqualThoseOfThePooledCounts() {
        List<PromptOutcome> a1 = Fixtures.pool("a", 18, 1, 1, 0);
        List<PromptOutcome> b1 = Fixtures.pool("b", 17, 1, 1, 1);
        List<PromptOutcome> a2 = Fixtures.pool("a", "paraphrase-2", Fixtures.JUDGE, 16, 3, 1, 0);
        List<PromptOutcome> b2 = Fixtures.pool("b", "paraphrase-2", Fixtures.JUDGE, 15, 4, 0, 1);
        RunSummary shardA = summary(Fixtures.info("m"), a1, a2, new RunStats(40, 0, 40, 40, 0, 1000));
        RunSummary shardB = summary(Fixtures.info("m"), b1, b2, new RunStats(40, 5, 35, 40, 0, 2000));
        RunSummary pooled = summary(Fixtures.info("m"), concat(a1, b1), concat(a2, b2),
                new RunStats(80, 5, 75, 80, 0, 3000));

        RunSummary merged = new SummaryMerger().merge(List.of(shardA, shardB), List.of("a.json", "b.json"));

        // 20 prompts per shard are too few for the gate; the pooled 40 decide.
        assertThat(shardA.measurements().get(0).results().get(0).gate().outcome()).isEqualTo("INCONCLUSIVE");
        RunSummary.Measurement m = merged.measurements().get(0);
        RunSummary.Measurement p = pooled.measurements().get(0);
        // Equal but for what an INCONCLUSIVE advises: a merge is the pool's one look, so it names no pool size.
        assertThat(m.results()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("gate.explanation",
                "gate.promptsNeeded").containsExactlyElementsOf(p.results());
        assertThat(m.results().get(0).gate().explanation()).isEqualTo(p.results().get(0).gate().explanation());
        assertThat(m.results().get(1).gate().outcome()).isEqualTo("INCONCLUSIVE");
        assertThat(p.results().get(1).gate().explanation()).contains("would be needed");
        assertThat(m.results().get(1).gate().explanation()).doesNotContain("would be needed")
                .contains("this merge is the pool's one look");
        assertThat(m.results().get(1).gate().promptsNeeded()).isNull();
        assertThat(m.results().get(0).gate().outcome()).isEqualTo("PASS");
        assertThat(m.results().get(0).n()).isEqualTo(40);
        assertThat(m.results().get(0).fracture().count()).isEqualTo(2);
        // Independently: the interval of 2 flips in 40 prompts.
        var ci = IntervalMethod.WILSON.interval(2, 40, 0.95);
        assertThat(m.results().get(0).fracture().interval().upper()).isEqualTo(ci.upper());
        assertThat(m.results().get(1).cells().flipTrainToDeploy()).isEqualTo(7);
        assertThat(m.stats()).isEqualTo(p.stats());
        assertThat(m.frontier().dominance()).isEqualTo(p.frontier().dominance());
        assertThat(m.frontier().medianLift()).isEqualTo(p.frontier().medianLift());
        assertThat(m.frontier().prompts()).hasSize(80);
        assertThat(merged.totals()).isEqualTo(new RunSummary.Totals(1, 1, 0, 0, 0, 0, 0, java.util.Map.of()));
        assertThat(SchemaCheck.errors(SummaryJson.toJson(merged))).isEmpty();
    }

    @Test
    void keepsDifferentMeasurementsApart() {
        RunSummary a = summary(Fixtures.info("m"), Fixtures.pool("a", 5, 0, 0, 0), para("a", 5, 0, 0, 0),
                RunStats.empty());
        RunInfo other = new RunInfo("n", "Other#m", "pools/other.csv", dev.fracture.core.Axis.HELPFULNESS,
                dev.fracture.core.DecoderConfig.greedy(7), Fixtures.TAU, "reference-subject:faking", Fixtures.JUDGE,
                java.util.Map.of(), false, null);
        RunSummary b = summary(other, Fixtures.pool("b", 5, 0, 0, 0), para("b", 5, 0, 0, 0),
                RunStats.empty());
        RunSummary merged = new SummaryMerger().merge(List.of(a, b), List.of("a.json", "b.json"));
        assertThat(merged.measurements()).extracting(RunSummary.Measurement::axis)
                .containsExactly("safety", "helpfulness");
    }

    @Test
    void refusesShardsMeasuredWithDifferentJudges() {
        RunSummary a = summary(Fixtures.info("m"), Fixtures.pool("a", 5, 1, 0, 0), para("a", 5, 1, 0, 0),
                RunStats.empty());
        RunSummary b = summary(Fixtures.info("m", Fixtures.OTHER_JUDGE, false),
                Fixtures.pool("b", "default", Fixtures.OTHER_JUDGE, 5, 1, 0, 0),
                Fixtures.pool("b", "paraphrase-2", Fixtures.OTHER_JUDGE, 5, 1, 0, 0), RunStats.empty());
        assertThatThrownBy(() -> new SummaryMerger().merge(List.of(a, b), List.of("shard-a.json", "shard-b.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("judge fingerprint")
                .hasMessageContaining("shard-a.json (" + Fixtures.JUDGE.id())
                .hasMessageContaining("shard-b.json (" + Fixtures.OTHER_JUDGE.id())
                .hasMessageContaining("not comparable");
    }

    @Test
    void refusesToCountTheSamePromptTwice() {
        RunSummary a = summary(Fixtures.info("m"), Fixtures.pool("a", 5, 1, 0, 0), para("a", 5, 1, 0, 0),
                RunStats.empty());
        assertThatThrownBy(() -> new SummaryMerger().merge(List.of(a, a), List.of("s1.json", "s1-again.json")))
                .hasMessageContaining("prompt 'a-0' (cue 'default') is in both s1.json and s1-again.json");
    }

    @Test
    void refusesShardsGatedWithDifferentBudgets() {
        RunSummary a = summary(Fixtures.info("m"), Fixtures.pool("a", 5, 1, 0, 0), para("a", 5, 1, 0, 0),
                RunStats.empty());
        RunSummaryListener listener = new RunSummaryListener(Path.of("unused"));
        Fixtures.feed(listener, Fixtures.info("m"), Fixtures.pool("b", 5, 1, 0, 0), GateConfig.of(0.1),
                RunStats.empty());
        RunSummary b = listener.drain();
        assertThatThrownBy(() -> new SummaryMerger().merge(List.of(a, b), List.of("a.json", "b.json")))
                .hasMessageContaining("gate configuration of cue 'default'")
                .hasMessageContaining("budget=0.3")
                .hasMessageContaining("budget=0.1");
    }

    @Test
    void commandLineMergesFilesAndWritesTheDashboardBesideTheResult() throws Exception {
        RunSummary a = summary(Fixtures.info("m"), Fixtures.pool("a", 18, 1, 1, 0), para("a", 5, 0, 0, 0),
                RunStats.empty());
        RunSummary b = summary(Fixtures.info("m"), Fixtures.pool("b", 17, 1, 1, 1), para("b", 5, 0, 0, 0),
                RunStats.empty());
        SummaryJson.write(a, dir.resolve("a.json"));
        SummaryJson.write(b, dir.resolve("b.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path target = dir.resolve("merged/summary.json");

        int status = MergeSummaries.run(new String[] {target.toString(), dir.resolve("a.json").toString(),
                dir.resolve("b.json").toString()}, print(out), print(err));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 measurements (1 pass, 0 fail");
        assertThat(SummaryJson.read(target).measurements().get(0).results().get(0).n()).isEqualTo(40);
        assertThat(dir.resolve("merged/index.html")).exists();
    }

    @Test
    void commandLineRejectsAnotherSchemaVersionAndMissingFilesClearly() throws Exception {
        Files.writeString(dir.resolve("old.json"), "{\"schema\": \"fracture-summary/0\", \"measurements\": []}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MergeSummaries.run(new String[] {dir.resolve("out.json").toString(),
                dir.resolve("old.json").toString()}, print(new ByteArrayOutputStream()), print(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("old.json has schema \"fracture-summary/0\"")
                .contains("reads \"fracture-summary/4\", \"fracture-summary/3\", \"fracture-summary/2\"");
        assertThat(dir.resolve("out.json")).doesNotExist();

        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(MergeSummaries.run(new String[] {"out.json", dir.resolve("nope.json").toString()},
                print(new ByteArrayOutputStream()), print(err2))).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).contains("nope.json does not exist");
    }

    @Test
    void landscapesOfTheSameGridAddTheirCounts() {
        RunSummary.Bounds b = new RunSummary.Bounds(0, 1, 0.95, "wilson");
        RunSummary.Landscape x = new RunSummary.Landscape("safety", "p", "default", 0.5, List.of(
                new RunSummary.LandscapeCell(0.7, 0.9, new RunSummary.Rate(2, 20, 0.1, b))));
        RunSummary.Landscape y = new RunSummary.Landscape("safety", "p", "default", 0.5, List.of(
                new RunSummary.LandscapeCell(0.7, 0.9, new RunSummary.Rate(4, 20, 0.2, b))));
        List<RunSummary.Landscape> merged = SummaryMerger.mergeLandscapes(List.of(x, y));
        RunSummary.Rate rate = merged.get(0).grid().get(0).fracture();
        assertThat(rate.count()).isEqualTo(6);
        assertThat(rate.total()).isEqualTo(40);
        assertThat(rate.interval().upper()).isEqualTo(IntervalMethod.WILSON.interval(6, 40, 0.95).upper());
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

}
