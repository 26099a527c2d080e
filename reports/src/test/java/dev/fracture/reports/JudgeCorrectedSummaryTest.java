package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.JudgeCorrectedGate;
import dev.fracture.core.gate.JudgeCorrectionConfig;
import dev.fracture.core.gate.JudgeCorrectionConfig.Mode;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.internal.DashboardPage;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary's {@code judgeCorrected} entry, its merge and its dashboard column, on the hand-worked table of
 * the core's gate test: 30 flips among 1000 prompts, Se 0.30, Sp 1, so corrected FRACTURE = 0.03 / 0.30 = 0.100.
 */
class JudgeCorrectedSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVIL = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    static GateResult feed(RunSummaryListener listener, String id, List<PromptOutcome> outcomes,
                           JudgeCorrectionConfig correction) {
        RunInfo info = Fixtures.info(id);
        listener.measurementStarted(info);
        outcomes.forEach(o -> listener.promptEvaluated(info, o));
        FractureResult result = Fixtures.aggregate(outcomes, "default");
        GateResult gate = JudgeCorrectedGate.evaluate(result, GateConfig.of(0.05), correction);
        listener.gateDecided(info, List.of(result), gate, RunStats.empty());
        return gate;
    }

    static JudgeCorrectionConfig seThirty(Mode mode) {
        return JudgeCorrectionConfig.of(mode, 0.30, 1.0);
    }

    @Test
    void theGatedCorrectionIsWrittenWithEstimateIntervalSeSpAndGated() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(dir);
        GateResult gate = feed(listener, "m1", Fixtures.pool("p", 970, 30, 0, 0), seThirty(Mode.GATE));
        listener.runFinished();

        String text = Files.readString(dir.resolve("summary.json"));
        assertThat(SchemaCheck.errors(text)).isEmpty();
        JsonNode root = JSON.readTree(text);
        JsonNode c = root.get("measurements").get(0).get("judgeCorrected");
        assertThat(c.get("estimate").asDouble()).isCloseTo(0.100, within(1e-12));
        assertThat(c.get("observed").asDouble()).isCloseTo(0.030, within(1e-12));
        double lower = gate.judgeCorrected().orElseThrow().result().orElseThrow().lower();
        assertThat(c.get("interval").get("lower").asDouble()).isEqualTo(lower).isGreaterThan(0.05);
        assertThat(c.get("interval").get("method").asText()).isEqualTo("percentile-bootstrap");
        assertThat(c.get("interval").get("level").asDouble()).isEqualTo(0.95);
        assertThat(c.get("sensitivity").asDouble()).isEqualTo(0.3);
        assertThat(c.get("specificity").asDouble()).isEqualTo(1.0);
        assertThat(c.get("evaluation").isNull()).isTrue();
        assertThat(c.get("gated").asBoolean()).isTrue();
        assertThat(c.get("resamples").asInt()).isEqualTo(2000);
        assertThat(c.get("note").asText()).isEmpty();
        // The raw rate passes; the gate decided on the correlation-free bound [0, 0.142], which contains the budget:
        // the totals count an INCONCLUSIVE.
        JsonNode g = root.get("measurements").get(0).get("results").get(0).get("gate");
        assertThat(g.get("outcome").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(g.get("explanation").asText()).startsWith("The gate decides on the judge-corrected bound");
        assertThat(root.get("totals").get("inconclusive").asInt()).isEqualTo(1);
        assertThat(SummaryJson.toJson(SummaryJson.read(dir.resolve("summary.json")))).isEqualTo(text);
    }

    @Test
    void aReportedCorrectionIsNotGatedAndNoCorrectionWritesNoField() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(dir);
        feed(listener, "reported", Fixtures.pool("p", 970, 30, 0, 0), seThirty(Mode.REPORT));
        feed(listener, "plain", Fixtures.pool("q", 970, 30, 0, 0), JudgeCorrectionConfig.OFF);
        listener.runFinished();

        String text = Files.readString(dir.resolve("summary.json"));
        assertThat(SchemaCheck.errors(text)).isEmpty();
        JsonNode ms = JSON.readTree(text).get("measurements");
        // Sorted by name, then id: "plain" before "reported".
        assertThat(ms.get(0).get("id").asText()).isEqualTo("plain");
        assertThat(ms.get(1).get("judgeCorrected").get("gated").asBoolean()).isFalse();
        assertThat(ms.get(1).get("results").get(0).get("gate").get("outcome").asText()).isEqualTo("PASS");
        assertThat(ms.get(0).has("judgeCorrected")).isFalse();
        assertThat(JSON.readTree(text).get("totals").get("pass").asInt()).isEqualTo(2);
    }

    @Test
    void aMergeRecomputesTheCorrectionAndTheGateFromThePooledCounts() {
        RunSummaryListener whole = new RunSummaryListener(dir);
        feed(whole, "m", Fixtures.pool("p", 970, 30, 0, 0), seThirty(Mode.GATE));
        RunSummary one = whole.drain();
        RunSummaryListener a = new RunSummaryListener(dir);
        feed(a, "m", Fixtures.pool("a", 485, 15, 0, 0), seThirty(Mode.GATE));
        RunSummaryListener b = new RunSummaryListener(dir);
        feed(b, "m", Fixtures.pool("b", 485, 15, 0, 0), seThirty(Mode.GATE));

        RunSummary merged = new SummaryMerger().merge(List.of(a.drain(), b.drain()), List.of("a.json", "b.json"));

        RunSummary.Measurement m = merged.measurements().get(0);
        // Same counts, same seed: the merged entry equals the one of a single run over all 1000 prompts.
        assertThat(m.judgeCorrected()).isEqualTo(one.measurements().get(0).judgeCorrected());
        assertThat(m.gated().orElseThrow().gate().outcome()).isEqualTo("INCONCLUSIVE");
        assertThat(m.gated().orElseThrow().gate().explanation())
                .isEqualTo(one.measurements().get(0).gated().orElseThrow().gate().explanation());
        assertThat(SchemaCheck.errors(SummaryJson.toJson(merged))).isEmpty();
    }

    @Test
    void shardsCorrectedDifferentlyAreNotMerged() {
        RunSummaryListener a = new RunSummaryListener(dir);
        feed(a, "m", Fixtures.pool("a", 485, 15, 0, 0), seThirty(Mode.GATE));
        RunSummaryListener b = new RunSummaryListener(dir);
        feed(b, "m", Fixtures.pool("b", 485, 15, 0, 0), JudgeCorrectionConfig.of(Mode.GATE, 0.4, 1.0));

        assertThatThrownBy(() -> new SummaryMerger().merge(List.of(a.drain(), b.drain()), List.of("a.json", "b.json")))
                .hasMessage("cannot merge measurement safety/greedy/pools/safety.jsonl: the judge correction differs "
                        + "between a.json (gate, Se 0.3, Sp 1.0, B=2000, seed 20251117) and b.json (gate, Se 0.4, Sp "
                        + "1.0, B=2000, seed 20251117); rerun the shards with the same fracture.judge.* settings");
    }

    @Test
    void theDashboardShowsALabelledColumnBesideTheRawRateWithUntrustedTextEscaped() {
        RunSummaryListener listener = new RunSummaryListener(dir);
        feed(listener, "reported", Fixtures.pool("p", 970, 30, 0, 0), seThirty(Mode.REPORT));
        feed(listener, "plain", Fixtures.pool("q", 970, 30, 0, 0), JudgeCorrectionConfig.OFF);
        RunSummary s = listener.drain();
        RunSummary.Measurement m = s.measurements().get(1); // sorted by name, then id: "plain", "reported"
        assertThat(m.id()).isEqualTo("reported");
        RunSummary.JudgeCorrected c = m.judgeCorrected();
        RunSummary.JudgeCorrected evil = new RunSummary.JudgeCorrected(c.estimate(), c.observed(), c.interval(),
                c.sensitivity(), c.specificity(), c.evaluation(), c.gated(), c.clipped(), c.discarded(), c.resamples(),
                c.seed(), EVIL);
        RunSummary withEvil = new RunSummary(s.schema(), s.generatedAt(), s.totals(),
                List.of(m.withJudgeCorrected(m.results(), evil), s.measurements().get(0)), s.landscape());

        String html = DashboardPage.render(withEvil).html();

        int start = html.indexOf("<table class=\"paper\">");
        String table = html.substring(start, html.indexOf("</table>", start));
        assertThat(table).contains("<th>FRACTURE</th><th title=").contains(">judge-corrected FRACTURE<div class=\"why\">"
                + "diagnostic; gates only when configured</div></th><th>SRF median lift</th>");
        assertThat(table).contains(String.format(java.util.Locale.ROOT, "0.100 <span class=\"ci\">[%.3f, %.3f]</span>"
                + "</span><div class=\"why\">Se 0.300 · Sp 1.000 · reported only, not gated · "
                + "&lt;script&gt;alert(1)&lt;/script&gt;</div></td>", c.interval().lower(), c.interval().upper()));
        assertThat(table).as("a measurement without a correction gets a dash").contains("<td>–</td>");
        assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script");
    }

    @Test
    void withoutAnyCorrectionTheTableHasNoExtraColumn() {
        RunSummaryListener listener = new RunSummaryListener(dir);
        feed(listener, "plain", Fixtures.pool("q", 970, 30, 0, 0), JudgeCorrectionConfig.OFF);

        assertThat(DashboardPage.render(listener.drain()).html()).doesNotContain("judge-corrected");
    }
}
