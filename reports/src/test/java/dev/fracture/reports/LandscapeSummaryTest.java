package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.internal.FractureAggregator;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.reports.summary.RunSummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A temperature × top-p sweep published as one measurement per grid point → landscape, cap, paper numbers. */
class LandscapeSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double Z95 = 1.959963984540054;
    private static final double[] TS = {0.3, 0.7, 1.0};
    private static final double[] PS = {0.8, 0.9, 1.0};
    private static final int N = 100;
    private static final GateConfig GATE = GateConfig.of(0.10);

    /**
     * Flips out of 100 prompts per grid point, rows = temperature, columns = top-p (both ascending).
     *
     * <p>Hand-worked cap with budget 0.10, upper-bound policy, 95% Wilson: a point passes when its Wilson
     * upper bound is at most 0.10, which holds for at most 4 flips in 100 (upper 0.0984) and not for 5 or
     * more (0.1117 at 5). Passing points: all of T = 0.3, (0.7, 0.8), (0.7, 0.9), and (1.0, 0.8) — 6 of 9.
     * Lower-left rectangles that pass everywhere: T ≤ 0.3 × p ≤ 1.0 (3 points), T ≤ 0.7 × p ≤ 0.9 (4 points);
     * T ≤ 1.0 × p ≤ 0.8 also passes (3 points). The largest is T ≤ 0.7, top-p ≤ 0.9: the cap. (1.0, 0.8)
     * passes but lies outside it. Before caps: (1.0, 1.0) with 20/100; after caps: (0.7, 0.9) with 3/100.
     */
    private static final int[][] FLIPS = {
        {0, 1, 2},
        {1, 3, 8},
        {2, 10, 20},
    };

    @TempDir
    Path dir;

    static double[] wilson(int k, int n) {
        return FrontierSummaryTest.wilson(k, n, Z95);
    }

    static RunInfo pointInfo(double t, double p) {
        return new RunInfo(String.format(Locale.ROOT, "[sweep:s1]/[point:T=%s,p=%s]", t, p), "SweepSuite#sweep",
                Fixtures.POOL, Axis.SAFETY, DecoderConfig.sampling(t, p, 4, 7), Fixtures.TAU,
                "reference-subject:decoder-sensitive", Fixtures.JUDGE, Map.of("default", "3f2a", "deploy", "77e0"),
                false, Instant.parse("2026-03-01T10:00:00Z"));
    }

    /** The same 100 prompts at every point; {@code flips} of them flip. Ids p-000..p-099. */
    static List<PromptOutcome> prompts(int flips) {
        List<PromptOutcome> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String id = String.format(Locale.ROOT, "p-%03d", i);
            // Spread the flips over the ids so that each half of the pool holds some of them.
            boolean flip = i % 10 < flips / 10 + (i / 10 < flips % 10 ? 1 : 0);
            out.add(flip ? Fixtures.outcome(id, "default", 0.2, 0.9, Fixtures.JUDGE, "No.", "Sure.")
                    : Fixtures.outcome(id, "default", 0.1, 0.2, Fixtures.JUDGE, "No.", "No."));
        }
        assertThat(out.stream().filter(PromptOutcome::isFlip).count()).isEqualTo(flips);
        return out;
    }

    static void feedPoint(RunSummaryListener listener, RunInfo info, List<PromptOutcome> outcomes) {
        listener.measurementStarted(info);
        outcomes.forEach(o -> listener.promptEvaluated(info, o));
        FractureAggregator agg = new FractureAggregator(info.pool(), info.axis(), info.decoder(), info.tau(),
                "default", 0.95, IntervalMethod.WILSON);
        outcomes.forEach(agg::accept);
        FractureResult r = agg.result();
        listener.gateDecided(info, List.of(r), Gate.evaluate(r, GATE), new RunStats(8 * outcomes.size(), 0,
                8 * outcomes.size(), 8 * outcomes.size(), 0, 1000));
    }

    /** Every grid point, restricted to the prompts {@code keep} accepts, plus one greedy measurement. */
    static RunSummary sweep(int[][] flips, Predicate<PromptOutcome> keep, boolean withGreedy) {
        RunSummaryListener listener = new RunSummaryListener(Path.of("unused"));
        for (int i = 0; i < TS.length; i++) {
            for (int j = 0; j < PS.length; j++) {
                if (flips[i][j] >= 0) {
                    feedPoint(listener, pointInfo(TS[i], PS[j]), prompts(flips[i][j]).stream().filter(keep).toList());
                }
            }
        }
        if (withGreedy) {
            Fixtures.feed(listener, Fixtures.info("greedy"), Fixtures.pool("g", 30, 1, 0, 0), GATE, RunStats.empty());
        }
        return listener.drain();
    }

    @Test
    void aFullGridBecomesALandscapeWithTheHandWorkedCap() {
        // The premise of the hand-worked cap, checked with the independent Wilson formula.
        assertThat(wilson(4, N)[1]).isLessThanOrEqualTo(0.10);
        assertThat(wilson(5, N)[1]).isGreaterThan(0.10);

        RunSummary s = sweep(FLIPS, o -> true, true);
        assertThat(s.landscape()).hasSize(1);
        RunSummary.Landscape l = s.landscape().get(0);
        assertThat(l.axis()).isEqualTo("safety");
        assertThat(l.cue()).isEqualTo("default");
        assertThat(l.samples()).isEqualTo(4);
        assertThat(l.grid()).hasSize(9);
        for (RunSummary.LandscapeCell c : l.grid()) {
            int i = indexOf(TS, c.temperature());
            int j = indexOf(PS, c.topP());
            int k = FLIPS[i][j];
            double[] ci = wilson(k, N);
            assertThat(c.fracture().count()).isEqualTo(k);
            assertThat(c.fracture().interval().lower()).isCloseTo(ci[0], within(1e-9));
            assertThat(c.fracture().interval().upper()).isCloseTo(ci[1], within(1e-9));
            boolean passes = ci[1] <= 0.10;
            assertThat(c.admissible()).as("T=%s p=%s", c.temperature(), c.topP()).isEqualTo(passes);
            // Upper-bound policy: PASS when the upper bound is within budget, FAIL when the lower bound is above it.
            assertThat(c.gate()).isEqualTo(passes ? "PASS" : ci[0] > 0.10 ? "FAIL" : "INCONCLUSIVE");
            assertThat(c.insideCap()).isEqualTo(i <= 1 && j <= 1);
            assertThat(c.measurementId()).isEqualTo(pointInfo(c.temperature(), c.topP()).id());
        }
        RunSummary.Cap cap = l.cap();
        assertThat(cap.setting()).isEqualTo("T ≤ 0.7, top-p ≤ 0.9");
        assertThat(cap.maxTemperature()).isEqualTo(0.7);
        assertThat(cap.maxTopP()).isEqualTo(0.9);
        assertThat(cap.pointsInside()).isEqualTo(4);
        assertThat(cap.pointsAdmissible()).isEqualTo(6);
        assertThat(cap.points()).isEqualTo(9);
        assertThat(cap.budget()).isEqualTo(0.10);

        assertThat(l.fractureBeforeCaps().estimate()).isEqualTo(0.20);
        assertThat(l.fractureBeforeCaps().upper()).isCloseTo(wilson(20, N)[1], within(1e-9));
        assertThat(l.fractureBeforeCaps().note()).isEqualTo("at (T=1.0, top-p=1.0)");
        assertThat(l.fractureAfterCaps().estimate()).isEqualTo(0.03);
        assertThat(l.fractureAfterCaps().lower()).isCloseTo(wilson(3, N)[0], within(1e-9));
        assertThat(l.fractureAfterCaps().note()).contains("T ≤ 0.7, top-p ≤ 0.9");

        // Every grid point's paper numbers carry the sweep's before/after; the greedy run is in no sweep.
        for (RunSummary.Measurement m : s.measurements()) {
            RunSummary.PaperNumbers p = m.paperNumbers();
            if (m.id().equals("greedy")) {
                assertThat(p.fractureBeforeCaps().defined()).isFalse();
                assertThat(p.fractureBeforeCaps().note()).isEqualTo("no sweep ran");
                assertThat(p.capSetting()).isNull();
            } else {
                assertThat(p.fractureBeforeCaps()).isEqualTo(l.fractureBeforeCaps());
                assertThat(p.fractureAfterCaps()).isEqualTo(l.fractureAfterCaps());
                assertThat(p.capSetting()).isEqualTo("T ≤ 0.7, top-p ≤ 0.9");
            }
        }
        assertThat(SchemaCheck.errors(SummaryJson.toJson(s))).isEmpty();
    }

    @Test
    void aGridWhereEvenTheLowestPointFailsHasTheCapNone() throws Exception {
        int[][] bad = {{10, 10, 10}, {10, 10, 10}, {10, 10, 10}};
        RunSummary s = sweep(bad, o -> true, false);
        RunSummary.Landscape l = s.landscape().get(0);
        assertThat(l.cap().setting()).isEqualTo("none");
        assertThat(l.cap().pointsInside()).isZero();
        assertThat(l.fractureAfterCaps().defined()).isFalse();
        assertThat(l.fractureAfterCaps().note()).contains("no grid point passes budget 0.1");
        assertThat(s.measurements().get(0).paperNumbers().capSetting()).isEqualTo("none");
        String json = SummaryJson.toJson(s);
        assertThat(SchemaCheck.errors(json)).isEmpty();
        JsonNode cap = JSON.readTree(json).get("landscape").get(0).get("cap");
        assertThat(cap.get("maxTemperature").isNull()).isTrue();
        assertThat(cap.get("maxTopP").isNull()).isTrue();

        Dashboard.write(s, dir);
        String svg = Files.readString(dir.resolve("landscape-1.svg"));
        assertThat(svg).contains("decoder cap: none").doesNotContain("<title>decoder cap ");
    }

    @Test
    void anIncompleteGridGivesNoLandscapeAndSaysWhichPointIsMissing() {
        int[][] holes = {{0, 1, 2}, {1, 3, 8}, {2, 10, -1}};
        RunSummary s = sweep(holes, o -> true, false);
        assertThat(s.landscape()).isNull();
        RunSummary.Figure before = s.measurements().get(0).paperNumbers().fractureBeforeCaps();
        assertThat(before.defined()).isFalse();
        assertThat(before.note()).contains("not a full temperature × top-p grid").contains("(T=1.0, top-p=1.0)")
                .contains("missing");
    }

    @Test
    void theHeatmapMarksTheCapRectangleAndEveryPointsGate() throws Exception {
        RunSummary s = sweep(FLIPS, o -> true, true);
        List<Path> files = Dashboard.write(s, dir);
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("landscape-1.svg");
        String svg = Files.readString(dir.resolve("landscape-1.svg"));
        Document doc = parseXml(svg);

        Element capRect = rectOfGroupTitled(doc, "decoder cap T ≤ 0.7, top-p ≤ 0.9");
        Element lowest = rectOfGroupTitled(doc, "T=0.3, top-p=0.8: FRACTURE");
        Element corner = rectOfGroupTitled(doc, "T=0.7, top-p=0.9: FRACTURE");
        Element outside = rectOfGroupTitled(doc, "T=1, top-p=0.8: FRACTURE");
        // The outline spans from the lowest point's lower-left corner to the cap corner's upper-right corner.
        assertThat(x(capRect)).isCloseTo(x(lowest), within(0.5));
        assertThat(x(capRect) + w(capRect)).isCloseTo(x(corner) + w(corner), within(0.5));
        assertThat(y(capRect) + h(capRect)).isCloseTo(y(lowest) + h(lowest), within(0.5));
        assertThat(y(capRect)).isCloseTo(y(corner), within(0.5));
        // A passing point outside the cap (1.0, 0.8) is not inside the outline.
        assertThat(x(outside)).isGreaterThanOrEqualTo(x(capRect) + w(capRect) - 0.5);
        assertThat(svg).contains("T=0.7, top-p=0.9: FRACTURE 0.030").contains("gate PASS, inside the cap")
                .contains("T=1, top-p=1: FRACTURE 0.200").contains("outlined: decoder cap T ≤ 0.7, top-p ≤ 0.9");

        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("Decoder cap: T ≤ 0.7, top-p ≤ 0.9").contains("4 of 9 grid points inside")
                .contains("6 of 9 pass the gate");
        // The landscape sits in its axis section, after the paper numbers and before the measurements.
        assertThat(html.indexOf("landscape-1.svg</a>")).isGreaterThan(html.indexOf("The paper's four numbers"))
                .isLessThan(html.indexOf("<article id=\"m1\">"));
    }

    @Test
    void mergingShardsRebuildsTheLandscapeFrontierAndPaperNumbersFromTheMergedCounts() throws Exception {
        RunSummary pooled = sweep(FLIPS, o -> true, true);
        RunSummary a = sweep(FLIPS, o -> o.promptId().compareTo("p-050") < 0, true);
        RunSummary b = sweep(FLIPS, o -> o.promptId().compareTo("p-050") >= 0, false);
        // Each shard alone: 50 prompts per point give wider intervals, so its cap differs from the pooled one.
        assertThat(a.landscape().get(0).cap()).isNotEqualTo(pooled.landscape().get(0).cap());
        Path fa = dir.resolve("a.json");
        Path fb = dir.resolve("b.json");
        SummaryJson.write(a, fa);
        SummaryJson.write(b, fb);

        RunSummary merged = new SummaryMerger().merge(List.of(SummaryJson.read(fa), SummaryJson.read(fb)),
                List.of("a.json", "b.json"));

        assertThat(merged.landscape()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(pooled.landscape());
        assertThat(merged.landscape().get(0).cap().setting()).isEqualTo("T ≤ 0.7, top-p ≤ 0.9");
        for (int i = 0; i < pooled.measurements().size(); i++) {
            RunSummary.Measurement m = merged.measurements().get(i);
            RunSummary.Measurement p = pooled.measurements().get(i);
            assertThat(m.id()).isEqualTo(p.id());
            assertThat(m.frontier()).isEqualTo(p.frontier());
            RunSummary.PaperNumbers mp = m.paperNumbers();
            RunSummary.PaperNumbers pp = p.paperNumbers();
            assertThat(mp.fracture()).isEqualTo(pp.fracture());
            assertThat(mp.srfMedianLift()).isEqualTo(pp.srfMedianLift());
            assertThat(mp.fractureBeforeCaps()).isEqualTo(pp.fractureBeforeCaps());
            assertThat(mp.fractureAfterCaps()).isEqualTo(pp.fractureAfterCaps());
            assertThat(mp.capSetting()).isEqualTo(pp.capSetting());
        }
        // The greedy measurement came from shard a only: its reason is carried over unchanged.
        RunSummary.Measurement greedy = merged.measurements().stream().filter(m -> m.id().equals("greedy"))
                .findFirst().orElseThrow();
        assertThat(greedy.paperNumbers().manifoldEntry().note()).contains("Manifold Flows are off");
        RunSummary.Measurement gridPoint = merged.measurements().stream().filter(m -> !m.id().equals("greedy"))
                .findFirst().orElseThrow();
        assertThat(gridPoint.paperNumbers().manifoldEntry().note())
                .contains("not recomputed after merging 2 shards (a.json, b.json)");
        assertThat(SchemaCheck.errors(SummaryJson.toJson(merged))).isEmpty();
    }

    @Test
    void measurementsThatDifferInMoreThanTemperatureAndTopPAreNotOneSweep() {
        RunSummaryListener listener = new RunSummaryListener(Path.of("unused"));
        feedPoint(listener, pointInfo(0.3, 0.9), prompts(1));
        RunInfo otherSeed = new RunInfo("other-seed", "SweepSuite#sweep", Fixtures.POOL, Axis.SAFETY,
                DecoderConfig.sampling(0.7, 0.9, 4, 8), Fixtures.TAU, "reference-subject:decoder-sensitive",
                Fixtures.JUDGE, Map.of("default", "3f2a"), false, null);
        feedPoint(listener, otherSeed, prompts(1));
        RunSummary s = listener.drain();
        assertThat(s.landscape()).isNull();
        assertThat(s.measurements()).allSatisfy(m ->
                assertThat(m.paperNumbers().fractureBeforeCaps().note()).isEqualTo("no sweep ran"));
    }

    private static int indexOf(double[] values, double x) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == x) {
                return i;
            }
        }
        throw new AssertionError(x + " not in grid");
    }

    /** The {@code <rect>} of the group whose {@code <title>} starts with {@code prefix}. */
    private static Element rectOfGroupTitled(Document doc, String prefix) {
        NodeList titles = doc.getElementsByTagName("title");
        for (int i = 0; i < titles.getLength(); i++) {
            if (titles.item(i).getTextContent().startsWith(prefix)) {
                Element group = (Element) titles.item(i).getParentNode();
                NodeList rects = group.getElementsByTagName("rect");
                assertThat(rects.getLength()).as("rect in group '%s'", prefix).isEqualTo(1);
                return (Element) rects.item(0);
            }
        }
        throw new AssertionError("no group titled '" + prefix + "…'");
    }

    private static double x(Element e) {
        return Double.parseDouble(e.getAttribute("x"));
    }

    private static double y(Element e) {
        return Double.parseDouble(e.getAttribute("y"));
    }

    private static double w(Element e) {
        return Double.parseDouble(e.getAttribute("width"));
    }

    private static double h(Element e) {
        return Double.parseDouble(e.getAttribute("height"));
    }

    private static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
