package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.reports.internal.DashboardPage;
import dev.fracture.reports.summary.RunSummary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class DashboardTest {
    private static final String EVIL = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    private RunSummary run() {
        RunSummaryListener listener = new RunSummaryListener(dir);
        RunInfo info = new RunInfo("m", "Suite#" + EVIL, "pools/" + EVIL + ".jsonl", dev.fracture.core.Axis.SAFETY,
                dev.fracture.core.DecoderConfig.greedy(7), Fixtures.TAU, "model-" + EVIL, Fixtures.JUDGE,
                Map.of("default", "3f2a"), false, null);
        List<PromptOutcome> outcomes = new ArrayList<>(Fixtures.pool("p", 30, 3, 5, 2));
        PromptOutcome flip = outcomes.get(30);
        outcomes.set(30, PromptOutcome.scored(Prompt.of(EVIL, "text"), "default", Fixtures.TAU, flip.train(),
                flip.deploy(), List.of()));
        outcomes.add(PromptOutcome.errored(Prompt.of("err-1", "text"), "default", Fixtures.TAU,
                "judge said " + EVIL, List.of(), List.of(), List.of()));
        Fixtures.feed(listener, info, outcomes, GateConfig.of(0.3), new RunStats(82, 0, 82, 80, 1, 1500));
        RunSummary summary = listener.drain();
        RunSummary.Landscape landscape = new RunSummary.Landscape("safety", "pool-" + EVIL, "default", 0.5, List.of(
                cell(0.0, 1.0, 1, 40), cell(0.7, 0.9, 6, 40), cell(0.7, 1.0, 9, 40), cell(1.0, 1.0, 21, 40)));
        return new RunSummary(summary.schema(), summary.generatedAt(), summary.totals(), summary.measurements(),
                List.of(landscape));
    }

    private static RunSummary.LandscapeCell cell(double t, double p, int flips, int n) {
        var ci = IntervalMethod.WILSON.interval(flips, n, 0.95);
        return new RunSummary.LandscapeCell(t, p, new RunSummary.Rate(flips, n, (double) flips / n,
                new RunSummary.Bounds(ci.lower(), ci.upper(), 0.95, "wilson")));
    }

    @Test
    void writesThePageAndEveryPlotAsStandaloneSvg() throws Exception {
        List<Path> files = Dashboard.write(run(), dir);

        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly("index.html", "landscape-1.svg", "m1-cues.svg", "m1-frontier.svg");
        for (Path svg : files.subList(1, files.size())) {
            Document doc = parseXml(Files.readString(svg));
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        }
    }

    @Test
    void thePageShowsTheCellsTheIntervalAndTheGate() throws Exception {
        Dashboard.write(run(), dir);
        String html = Files.readString(dir.resolve("index.html"));
        var ci = IntervalMethod.WILSON.interval(3, 40, 0.95);
        assertThat(html).contains("<h2>Axis: safety</h2>")
                .contains(String.format(Locale.ROOT, "0.075 <span class=\"ci\">[%.3f, %.3f]</span> (3/40)",
                        ci.lower(), ci.upper()))
                .contains("<td class=\"num\">30</td><td class=\"num\">3</td><td class=\"num\">5</td>"
                        + "<td class=\"num\">2</td>")
                .contains("PASS (budget 0.3, upper-bound)")
                .contains("82 model calls")
                .contains("1 errored prompts");
    }

    @Test
    void theFrontierShadesTheFlipQuadrantAndNamesEveryPromptInATooltip() throws Exception {
        Dashboard.write(run(), dir);
        String svg = Files.readString(dir.resolve("m1-frontier.svg"));
        // 40 scored prompts at four distinct (u, v) points (30 safe/safe, 3 flips, 5 reverse, 2 unsafe): one dot per
        // point, its count printed beside it and in its title; the errored one has no (u, v).
        assertThat(svg.split("<ellipse", -1)).hasSize(5);
        assertThat(svg).contains("<title>30 prompts: p-0, p-1, p-10, p-11, p-12, … (25 more) [cue default]: u=0.10, "
                        + "v=0.20, safe/safe</title>").contains(">×30<").contains(">×3<")
                .contains("<title>flip quadrant u &lt; τ ≤ v");
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile("<title>(\\d+) prompts: ").matcher(svg);
        int total = 0;
        while (counts.find()) {
            total += Integer.parseInt(counts.group(1));
        }
        assertThat(total).as("every scored prompt is counted once").isEqualTo(40);
        // The flip quadrant is [0, τ) × [τ, 1]: with τ = 0.5 it is a square of half the plot's side.
        Document doc = parseXml(svg);
        var rect = (org.w3c.dom.Element) doc.getElementsByTagName("rect").item(0);
        assertThat(Double.parseDouble(rect.getAttribute("width")))
                .isCloseTo(Double.parseDouble(rect.getAttribute("height")), org.assertj.core.data.Offset.offset(1.0));
        String cues = Files.readString(dir.resolve("m1-cues.svg"));
        assertThat(cues).contains(String.format(Locale.ROOT, "FRACTURE 0.075 [%.3f, %.3f], 3/40 prompts, gate PASS",
                IntervalMethod.WILSON.interval(3, 40, 0.95).lower(), IntervalMethod.WILSON.interval(3, 40, 0.95).upper()));
        String landscape = Files.readString(dir.resolve("landscape-1.svg"));
        assertThat(landscape).contains("T=0.7, top-p=0.9: FRACTURE 0.150").contains(">0.525<");
    }

    @Test
    void untrustedTextRendersInertEverywhere() throws Exception {
        List<Path> files = Dashboard.write(run(), dir);
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text.toLowerCase(Locale.ROOT)).as(f.toString()).doesNotContain("<script");
        }
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("Suite#&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("judge said &lt;script&gt;")
                .contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code> u = 0.200 → v = 0.900")
                .contains("Content-Security-Policy");
        assertThat(Files.readString(dir.resolve("m1-frontier.svg")))
                .contains("<title>3 prompts: &lt;script&gt;alert(1)&lt;/script&gt;, p-31, p-32 [cue default]");
    }

    /** Three measurements of one axis with the flows off, all from a pool given as an absolute path. */
    private String threeMeasurementsPage() {
        return DashboardPage.render(threeMeasurements()).html();
    }

    private RunSummary threeMeasurements() {
        RunSummaryListener listener = new RunSummaryListener(dir,
                dev.fracture.reports.internal.ManifoldSettings.off("Manifold Flows are off: set "
                        + "-Dfracture.geometry.manifold=true"));
        List<String> ids = List.of("a", "b", "c");
        for (String id : ids) {
            RunInfo base = Fixtures.info(id);
            // Different seeds: three separate measurements, not a sweep with one point measured three times.
            RunInfo info = new RunInfo(id, "Suite#" + id, "/tmp/long.jsonl", base.axis(),
                    dev.fracture.core.DecoderConfig.greedy(ids.indexOf(id)), base.tau(),
                    base.modelId(), base.judge(), base.cueHashes(), base.placebo(), base.started());
            Fixtures.feed(listener, info, Fixtures.pool(id, 10, 1, 0, 0), GateConfig.of(0.3), RunStats.empty());
        }
        return listener.drain();
    }

    @Test
    void everyTableScrollsSidewaysInItsOwnBoxInsteadOfWideningThePage() throws Exception {
        Dashboard.write(run(), dir);
        String html = Files.readString(dir.resolve("index.html"));
        String[] parts = html.split("<table", -1);
        assertThat(parts.length).as("the paper numbers and the cue table").isGreaterThanOrEqualTo(3);
        for (int i = 0; i < parts.length - 1; i++) {
            assertThat(parts[i]).as("before table %d", i + 1).endsWith("<div class=\"wide\">\n");
        }
        assertThat(html.split("</table>\n</div>", -1)).hasSize(parts.length);
        // The box is CSS only: the page's Content-Security-Policy allows no script.
        assertThat(html).contains(".wide{max-width:100%;overflow-x:auto;");
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("script-src");
    }

    @Test
    void aColumnUndefinedOnEveryRowIsLeftOutAndItsReasonWrittenOnce() {
        String html = threeMeasurementsPage();
        int start = html.indexOf("<table class=\"paper\">");
        String table = html.substring(start, html.indexOf("</table>", start));
        // Entry, before caps and after caps are undefined on all three rows: no columns of n/a, and no cap column.
        assertThat(table).doesNotContain("n/a").doesNotContain("Manifold Entry").doesNotContain("before caps")
                .doesNotContain("<th>cap</th>");
        assertThat(table).contains("<th>FRACTURE</th><th>SRF median lift</th></tr>");
        assertThat(html.split("Manifold Flows are off", -1)).hasSize(2);
        assertThat(html).contains("<li>Not shown, undefined for every measurement here: Manifold Entry: Manifold "
                + "Flows are off: set -Dfracture.geometry.manifold=true</li>")
                .contains("<li>Not shown, undefined for every measurement here: FRACTURE before caps: no sweep ran</li>");
    }

    @Test
    void aPoolGivenAsAnAbsolutePathIsShownAsGiven() {
        RunSummary s = threeMeasurements();
        assertThat(s.measurements()).extracting(RunSummary.Measurement::pool).containsOnly("/tmp/long.jsonl");
        RunSummary withLandscape = new RunSummary(s.schema(), s.generatedAt(), s.totals(), s.measurements(),
                List.of(new RunSummary.Landscape("safety", "/tmp/long.jsonl", "default", 0.5, List.of(
                        cell(0.0, 1.0, 1, 40), cell(0.7, 1.0, 9, 40)))));
        DashboardPage.Output out = DashboardPage.render(withLandscape);
        assertThat(out.html()).contains(" · pool /tmp/long.jsonl · ").contains("<h3>Flip-Landscape: /tmp/long.jsonl · ");
        assertThat(out.svgFiles().get("landscape-1.svg")).contains(">Flip-Landscape: safety · /tmp/long.jsonl · cue "
                + "default<");
        for (String text : out.svgFiles().values()) {
            assertThat(text).doesNotContain("//tmp").doesNotContain("/ /tmp");
        }
        assertThat(out.html()).doesNotContain("//tmp").doesNotContain("/ /tmp");
    }

    @Test
    void runFinishedWritesSummaryAndDashboardTogether() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(dir);
        Fixtures.feed(listener, Fixtures.info("m"), Fixtures.pool("p", 10, 1, 0, 0), GateConfig.of(0.3),
                RunStats.empty());
        listener.runFinished();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("summary.json", "index.html", "transcripts.jsonl", "m1-frontier.svg",
                            "m1-cues.svg");
        }
    }

    private static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // The SVG DOCTYPE names an external DTD; never fetch it (no network in tests).
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
