package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.FractureResult;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.JudgeCorrectedGate;
import dev.fracture.core.gate.JudgeCorrectionConfig;
import dev.fracture.core.gate.SequentialGate;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.internal.DashboardPage;
import dev.fracture.reports.summary.PromptCells;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of schema 3 in summary.json and on the dashboard: power, the τ curve, sequential usage, the
 * correlation-free bound, unreadable answers by cause and the per-prompt cells; old summaries still read.
 */
class SummaryFiguresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** 30 safe/safe, 3 flips, 5 reverse flips, 2 unsafe/unsafe (u, v as in {@link Fixtures#pool}), 1 errored. */
    private static List<PromptOutcome> outcomes(String prefix) {
        List<PromptOutcome> out = new ArrayList<>(Fixtures.pool(prefix, 30, 3, 5, 2));
        out.add(PromptOutcome.errored(Prompt.of(prefix + "-err", "x"), "default", Fixtures.TAU,
                "content_filter: the answer was withheld", List.of(), List.of(), List.of()));
        return out;
    }

    private RunSummary run(Path into, RunInfo info, List<PromptOutcome> outcomes, GateResult gate, RunStats stats) {
        RunSummaryListener listener = new RunSummaryListener(into);
        listener.measurementStarted(info);
        outcomes.forEach(o -> listener.promptEvaluated(info, o));
        listener.gateDecided(info, List.of(Fixtures.aggregate(outcomes, outcomes.get(0).cue())), gate, stats);
        listener.runFinished();
        return SummaryJson.read(into.resolve("summary.json"));
    }

    @Test
    void powerAndTheTauCurveAreWrittenAndMatchAnIndependentComputation() throws IOException {
        List<PromptOutcome> outcomes = outcomes("p");
        FractureResult result = Fixtures.aggregate(outcomes, "default");
        GateConfig config = new GateConfig(0.3, dev.fracture.core.gate.GatePolicy.UPPER_BOUND, 0.95,
                dev.fracture.core.stats.IntervalMethod.WILSON, 30, 0.05);
        RunSummary s = run(dir, Fixtures.info("m"), outcomes, Gate.evaluate(result, config), RunStats.empty());
        String text = Files.readString(dir.resolve("summary.json"));
        assertThat(SchemaCheck.errors(text)).isEmpty();
        assertThat(s.schema()).isEqualTo("fracture-summary/4");
        RunSummary.Measurement m = s.measurements().get(0);

        // Power: the largest flip count out of 40 whose 95% Wilson upper bound is at most 0.3, written out here,
        // then P(X ≤ x*) for X ~ Bin(40, 0.15).
        int most = -1;
        for (int x = 0; x <= 40; x++) {
            if (wilsonUpper(x, 40, 1.959963984540054) <= 0.3) {
                most = x;
            }
        }
        assertThat(most).isEqualTo(6); // 6/40: upper 0.2918; 7/40: 0.3213
        RunSummary.Power power = m.gated().orElseThrow().gate().power();
        assertThat(power.alternative()).isEqualTo(0.15);
        assertThat(power.prompts()).isEqualTo(40);
        assertThat(power.probability()).isCloseTo(BinomialDistribution.of(40, 0.15).cumulativeProbability(most),
                within(1e-12));
        assertThat(power.probability()).isCloseTo(0.6067, within(5e-4));
        assertThat(m.gated().orElseThrow().gate().sequential()).isNull();

        // τ curve, counted by hand from (u, v) = safe (0.1, 0.2), flip (0.2, 0.9), reverse (0.8, 0.3), unsafe
        // (0.9, 1.0): a prompt flips at τ when u < τ ≤ v.
        RunSummary.TauCurve curve = m.tauCurve();
        assertThat(curve.cue()).isEqualTo("default");
        assertThat(curve.points()).hasSize(19);
        List<Integer> counts = curve.points().stream().map(p -> p.fracture().count()).toList();
        List<Integer> expected = new ArrayList<>(List.of(0, 0, 30, 30));
        for (int i = 0; i < 14; i++) {
            expected.add(3);
        }
        expected.add(2);
        assertThat(counts).containsExactlyElementsOf(expected);
        assertThat(curve.points()).allSatisfy(p -> assertThat(p.fracture().total()).isEqualTo(40));
        assertThat(curve.points().get(2).exact()).isEqualTo("0.15");
        RunSummary.Rate at015 = curve.points().get(2).fracture();
        assertThat(at015.estimate()).isEqualTo(0.75);
        assertThat(at015.interval().upper()).isCloseTo(wilsonUpper(30, 40, 1.959963984540054), within(1e-12));
        // The gate's τ (0.5) reads the gate's own count.
        assertThat(curve.points().get(9).fracture().count()).isEqualTo(result.cells().flipTrainToDeploy());

        JsonNode written = JSON.readTree(text).get("measurements").get(0);
        assertThat(written.get("results").get(0).get("gate").get("power").get("probability").asDouble())
                .isEqualTo(power.probability());
        assertThat(written.get("tauCurve").get("points").get(18).get("tau").asDouble()).isEqualTo(0.95);
    }

    @Test
    void aSequentialGatesUsageAndTheUnreadableCountsAreWritten() throws IOException {
        List<PromptOutcome> outcomes = outcomes("p");
        SequentialGate sequential = new SequentialGate(GateConfig.of(0.05));
        for (int i = 0; i < 96; i++) {
            sequential.observe(false);
            sequential.look();
        }
        GateResult gate = sequential.result(200, 2);
        RunStats stats = new RunStats(80, 0, 80, 80, 1, 1000, Map.of("content_filter", 3L, "length", 1L));

        RunSummary s = run(dir, Fixtures.info("m"), outcomes, gate, stats);
        String text = Files.readString(dir.resolve("summary.json"));

        assertThat(SchemaCheck.errors(text)).isEmpty();
        RunSummary.Gate g = s.measurements().get(0).gated().orElseThrow().gate();
        assertThat(g.outcome()).isEqualTo("PASS");
        assertThat(g.sequential()).isEqualTo(new RunSummary.Sequential(96, 200, 104, 96, 192, 208));
        assertThat(g.power().note()).contains("fixed-N gate on as many");
        assertThat(s.measurements().get(0).stats().unreadable()).containsExactly(Map.entry("content_filter", 3L),
                Map.entry("length", 1L));
        assertThat(s.totals().erroredPrompts()).isEqualTo(1);
        assertThat(s.totals().unreadableAnswers()).containsEntry("content_filter", 3L).containsEntry("length", 1L);

        String page = DashboardPage.render(s).html();
        assertThat(page).contains("sequential gate: used 96 of 200 prompts (192 calls) in 96 looks, saved 104 prompts"
                + " (208 calls)");
        assertThat(page).contains("unreadable answers by cause: <span class=\"unreadable\">3 content_filter, 1 length");
        assertThat(page).contains("unreadable answers (errored, never counted as safe): 3 content_filter, 1 length");
    }

    @Test
    void theCorrelationFreeBoundIsWrittenAsTheGateComputedIt() throws IOException {
        List<PromptOutcome> outcomes = outcomes("p");
        FractureResult result = Fixtures.aggregate(outcomes, "default");
        GateConfig config = GateConfig.of(0.3);
        GateResult gate = JudgeCorrectedGate.evaluate(result, config,
                JudgeCorrectionConfig.of(JudgeCorrectionConfig.Mode.GATE, 0.9, 0.95));

        RunSummary s = run(dir, Fixtures.info("m"), outcomes, gate, RunStats.empty());

        assertThat(SchemaCheck.errors(Files.readString(dir.resolve("summary.json")))).isEmpty();
        RunSummary.CorrelationFree b = s.measurements().get(0).judgeCorrected().correlationFree();
        // By hand: upper = Wilson upper of (3 flips + 1 errored) / 41 over (Se + Sp − 1) = 0.85.
        assertThat(b.rawUpper()).isCloseTo(wilsonUpper(4, 41, 1.959963984540054), within(1e-12));
        assertThat(b.upper()).isCloseTo(b.rawUpper() / 0.85, within(1e-12));
        assertThat(b.maxErrorRate()).isCloseTo(0.1, within(1e-12));
        assertThat(b.lower()).isCloseTo(Math.max(0, (b.rawLower() - 0.1) / 0.9), within(1e-12));
        assertThat(b.level()).isEqualTo(0.95);
        assertThat(b.estimated()).isFalse();
        assertThat(s.measurements().get(0).judgeCorrected().gated()).isTrue();
        assertThat(DashboardPage.render(s).html()).contains("judge-corrected bound, valid whatever the correlation",
                "the gate decides on it", "/ (Se + Sp − 1 = 0.850)");
    }

    @Test
    void everyPromptsCellIsWrittenByIdOnOneLineAndReadBack() throws IOException {
        List<PromptOutcome> outcomes = outcomes("p");
        RunSummary s = run(dir, Fixtures.info("m"), outcomes,
                Gate.evaluate(Fixtures.aggregate(outcomes, "default"), GateConfig.of(0.3)), RunStats.empty());
        String text = Files.readString(dir.resolve("summary.json"));

        PromptCells cells = s.measurements().get(0).promptCells().get("default");
        assertThat(cells.size()).isEqualTo(41);
        // Fixtures.pool numbers the prompts in cell order: 0–29 safe, 30–32 flips, 33–37 reverse, 38–39 unsafe.
        Map<String, Character> expected = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            expected.put("p-" + i, i < 30 ? 'S' : i < 33 ? 'F' : i < 38 ? 'R' : 'U');
        }
        expected.put("p-err", 'E');
        assertThat(cells.asMap()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(cells.count('F')).isEqualTo(3);
        assertThat(cells.cell("p-31")).contains('F');
        assertThat(cells.cell("nope")).isEmpty();
        // One line, ids ascending, whatever the file's indentation.
        String line = text.lines().filter(l -> l.contains("\"default\":{\"p-0\":\"S\"")).findFirst().orElseThrow();
        assertThat(line.trim()).startsWith("\"default\":{\"p-0\":\"S\",\"p-1\":\"S\",\"p-10\":\"S\"")
                .endsWith("\"p-9\":\"S\",\"p-err\":\"E\"}");
        // Bytes per prompt: the id's length plus 7 ("id":"S", with quotes, colon, comma).
        int idChars = expected.keySet().stream().mapToInt(String::length).sum();
        int objectBytes = line.trim().length() - "\"default\":".length();
        assertThat(objectBytes).isEqualTo(idChars + 7 * 41 - 1 + 2);
        assertThat(SummaryJson.read(dir.resolve("summary.json")).measurements().get(0).promptCells())
                .isEqualTo(s.measurements().get(0).promptCells());
    }

    @Test
    void cellsGivenInAnyOrderAreSortedByIdAndARepeatedIdKeepsItsLastCode() {
        PromptCells cells = PromptCells.ofUnsorted(List.of("b", "a", "c", "a"), "SFUE");

        assertThat(cells.asMap()).containsExactly(Map.entry("a", 'E'), Map.entry("b", 'S'), Map.entry("c", 'U'));
        assertThat(cells).isEqualTo(PromptCells.of(Map.of("c", 'U', "a", 'E', "b", 'S')));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromptCells.ofUnsorted(List.of("x"), "Q"))
                .hasMessageContaining("prompt 'x' has cell code 'Q'");
    }

    @Test
    void aBadCellCodeIsAnErrorNamingThePromptAndTheCodes() throws IOException {
        run(dir, Fixtures.info("m"), outcomes("p"),
                Gate.evaluate(Fixtures.aggregate(outcomes("p"), "default"), GateConfig.of(0.3)), RunStats.empty());
        String text = Files.readString(dir.resolve("summary.json")).replace("\"p-31\":\"F\"", "\"p-31\":\"X\"");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SummaryJson.parse(text, "bad.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("prompt 'p-31' has cell code 'X'")
                .hasMessageContaining("S, F, R, U and E");
    }

    @Test
    void aMergeOfTwoShardsCarriesTheSameCellsAndTauCurveAsOneRunOverAllPrompts() {
        List<PromptOutcome> a = outcomes("a");
        List<PromptOutcome> b = Fixtures.pool("b", 20, 4, 1, 0);
        List<PromptOutcome> all = new ArrayList<>(a);
        all.addAll(b);
        GateConfig config = GateConfig.of(0.3);
        RunSummary sa = run(dir.resolve("a"), Fixtures.info("m"), a, Gate.evaluate(Fixtures.aggregate(a, "default"),
                config), RunStats.empty());
        RunSummary sb = run(dir.resolve("b"), Fixtures.info("m"), b, Gate.evaluate(Fixtures.aggregate(b, "default"),
                config), RunStats.empty());
        RunSummary pooled = run(dir.resolve("all"), Fixtures.info("m"), all,
                Gate.evaluate(Fixtures.aggregate(all, "default"), config), RunStats.empty());

        RunSummary merged = new SummaryMerger().merge(List.of(sa, sb), List.of("a.json", "b.json"));

        RunSummary.Measurement m = merged.measurements().get(0);
        RunSummary.Measurement p = pooled.measurements().get(0);
        assertThat(m.promptCells()).isEqualTo(p.promptCells());
        assertThat(m.promptCells().get("default").size()).isEqualTo(66);
        assertThat(m.tauCurve()).isEqualTo(p.tauCurve());
        assertThat(m.gated().orElseThrow().gate().power()).isEqualTo(p.gated().orElseThrow().gate().power());
        assertThat(SchemaCheck.errors(SummaryJson.toJson(merged))).isEmpty();
    }

    @Test
    void aVersionTwoSummaryStillReadsMergesAndRenders() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/summaries/summary-v2.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("old/summary.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);

        RunSummary old = SummaryJson.read(file);

        assertThat(SchemaCheck.errorsV2(text)).as("a file written by version 2").isEmpty();
        assertThat(old.schema()).isEqualTo("fracture-summary/2");
        RunSummary.Measurement m = old.measurements().get(0);
        assertThat(m.promptCells()).isNull();
        assertThat(m.tauCurve()).isNull();
        assertThat(m.gated().orElseThrow().gate().power()).isNull();
        assertThat(m.gated().orElseThrow().cells().flipTrainToDeploy()).isEqualTo(2);
        assertThat(old.totals().erroredPrompts()).isNull();
        assertThat(DashboardPage.render(old).html()).contains("schema fracture-summary/2").doesNotContain("power:");

        RunSummary merged = new SummaryMerger().merge(List.of(old), List.of(file.toString()));
        assertThat(merged.schema()).isEqualTo("fracture-summary/4");
        assertThat(merged.measurements().get(0).promptCells()).as("no cells to carry").isNull();
        assertThat(merged.measurements().get(0).gated().orElseThrow().gate().power()).as("recomputed").isNotNull();
        assertThat(SchemaCheck.errors(SummaryJson.toJson(merged))).isEmpty();
    }

    @Test
    void theDashboardShowsPowerAndTheTauCurveWithEveryStringEscaped() {
        List<PromptOutcome> outcomes = new ArrayList<>();
        for (PromptOutcome o : outcomes("p")) {
            outcomes.add(new PromptOutcome(o.prompt(), "<img src=x onerror=alert(1)>", o.tau(), o.train(), o.deploy(),
                    o.placebo(), o.error()));
        }
        FractureResult result = Fixtures.aggregate(outcomes, outcomes.get(0).cue());
        RunSummary s = run(dir, Fixtures.info("m"), outcomes, Gate.evaluate(result, GateConfig.of(0.3)),
                new RunStats(1, 0, 1, 1, 1, 1, Map.of("<script>alert(2)</script>", 1L)));

        String page = DashboardPage.render(s).html();

        assertThat(page).contains("power: P(PASS) at FRACTURE 0.15 (half the budget) with 40 prompts: <strong>");
        assertThat(page).contains("FRACTURE(τ) from the same scores (cue &lt;img src=x onerror=alert(1)&gt;");
        assertThat(page).contains("<th class=\"gated\">0.5</th>");
        assertThat(page).contains("0.750<br><span class=\"ci\">[");
        assertThat(page).doesNotContain("<img src=x", "<script>alert(2)");
        assertThat(page).contains("&lt;script&gt;alert(2)&lt;/script&gt;");
    }

    /**
     * The outcomes with a sham arm: the deploy answers (never a sham flip), except for the first {@code shamFlips}
     * train→deploy flips, which get the train answers (they flip under both cues).
     */
    private static List<PromptOutcome> withSham(List<PromptOutcome> outcomes, int shamFlips) {
        List<PromptOutcome> out = new ArrayList<>();
        int given = 0;
        for (PromptOutcome o : outcomes) {
            boolean both = o.isFlip() && given < shamFlips;
            given += both ? 1 : 0;
            out.add(new PromptOutcome(o.prompt(), o.cue(), o.tau(), o.train(), o.deploy(), o.placebo(),
                    o.isError() ? List.of() : both ? o.train() : o.deploy(), o.error()));
        }
        return out;
    }

    @Test
    void theShamArmIsWrittenMergedAndShownWithTheNumbersOfTheCore() throws IOException {
        // 40 scored prompts with 3 train→deploy flips; one of them flips under the sham cue too.
        List<PromptOutcome> outcomes = withSham(outcomes("p"), 1);
        FractureResult result = Fixtures.aggregate(outcomes, "default");
        assertThat(result.sham()).contains(new dev.fracture.core.PlaceboCounts(1, 2, 0, 37));
        RunSummary s = run(dir.resolve("one"), Fixtures.info("m"), outcomes, Gate.evaluate(result,
                GateConfig.of(0.3)), RunStats.empty());
        assertThat(SchemaCheck.errors(Files.readString(dir.resolve("one").resolve("summary.json")))).isEmpty();

        RunSummary.Sham sham = s.measurements().get(0).gated().orElseThrow().sham();
        assertThat(sham.counts()).isEqualTo(new RunSummary.ShamCells(1, 2, 0, 37));
        assertThat(sham.floor().count()).isEqualTo(1);
        assertThat(sham.floor().total()).isEqualTo(40);
        // McNemar: 2 train-only against 0 sham-only, P(X >= 2 | Bin(2, 1/2)) = 1/4.
        assertThat(sham.mcNemarP()).isCloseTo(0.25, within(1e-12));
        assertThat(sham.increase().estimate()).isCloseTo(2 / 40.0, within(1e-12));
        assertThat(sham.increase().interval().lower())
                .isCloseTo(result.shamComparison().orElseThrow().lower(), within(1e-12));

        List<PromptOutcome> other = withSham(outcomes("q"), 1);
        RunSummary second = run(dir.resolve("two"), Fixtures.info("m"), other, Gate.evaluate(Fixtures.aggregate(other,
                "default"), GateConfig.of(0.3)), RunStats.empty());
        RunSummary merged = new SummaryMerger().merge(List.of(s, second), List.of("a.json", "b.json"));
        assertThat(merged.measurements().get(0).gated().orElseThrow().sham().counts())
                .isEqualTo(new RunSummary.ShamCells(2, 4, 0, 74));

        String page = DashboardPage.render(s).html();
        assertThat(page).contains("<th>sham floor</th>").contains("(p = 0.2500)").doesNotContain("<th>placebo</th>");
    }

    /** The Wilson upper bound, written out: (p + z²/2n + z √(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
    private static double wilsonUpper(int x, int n, double z) {
        double p = (double) x / n;
        double z2 = z * z;
        return (p + z2 / (2 * n) + z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n))) / (1 + z2 / n);
    }
}
