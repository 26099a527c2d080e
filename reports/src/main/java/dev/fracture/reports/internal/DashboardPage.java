package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

import dev.fracture.core.Axis;
import dev.fracture.reports.summary.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the static dashboard: {@code index.html} with per-axis tables and the plots inline (so tooltips
 * work from a file), plus every plot as a standalone SVG file.
 *
 * <p>Every string from the summary may come from a model or a user file: it goes through {@link Html#escape}
 * (HTML) or JFreeSVG's own escaping (SVG). A Content-Security-Policy without script sources backs that up.
 */
public final class DashboardPage {
    /** How many flipped and errored prompts a measurement lists. */
    static final int MAX_LISTED = 20;

    /** The page and the standalone SVG files (file name → content). */
    public record Output(String html, Map<String, String> svgFiles) {
    }

    private final StringBuilder html = new StringBuilder();
    private final Map<String, String> svgs = new LinkedHashMap<>();

    private DashboardPage() {
    }

    public static Output render(RunSummary summary) {
        DashboardPage page = new DashboardPage();
        page.page(summary);
        return new Output(page.html.toString(), Map.copyOf(page.svgs));
    }

    private void page(RunSummary s) {
        RunSummary.Totals t = s.totals();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src 'self'\">\n")
                .append("<title>Fracture run ").append(escape(s.generatedAt())).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>Fracture run</h1>\n<p class=\"meta\">Generated ").append(escape(s.generatedAt()))
                .append(" · schema ").append(escape(s.schema())).append("</p>\n")
                .append(String.format(Locale.ROOT, "<p class=\"totals\">%d measurements: <span class=\"PASS\">%d PASS"
                                + "</span>, <span class=\"FAIL\">%d FAIL</span>, <span class=\"INCONCLUSIVE\">%d "
                                + "INCONCLUSIVE</span>, %d incomplete%s</p>\n", t.measurements(), t.pass(), t.fail(),
                        t.inconclusive(), t.incomplete(), t.informational() == 0 ? ""
                                : ", " + t.informational() + " informational (decoder-sweep grid points, never a"
                                        + " failed gate)"));
        int index = 0;
        int landscapes = 0;
        List<RunSummary.Landscape> allLandscapes = s.landscape() == null ? List.of() : s.landscape();
        for (Axis axis : Axis.values()) {
            List<RunSummary.Measurement> ms = s.measurements().stream().filter(m -> axis.key().equals(m.axis()))
                    .toList();
            List<RunSummary.Landscape> ls = allLandscapes.stream().filter(l -> axis.key().equals(l.axis())).toList();
            if (ms.isEmpty() && ls.isEmpty()) {
                continue;
            }
            html.append("<section id=\"axis-").append(axis.key()).append("\">\n<h2>Axis: ").append(axis.key())
                    .append("</h2>\n");
            html.append(GeometryHtml.paperNumbers(ms));
            for (RunSummary.Landscape l : ls) {
                landscape(l, ++landscapes, s.measurements());
            }
            for (RunSummary.Measurement m : ms) {
                measurement(m, "m" + (++index));
            }
            html.append("</section>\n");
        }
        List<RunSummary.Landscape> unplaced = allLandscapes.stream()
                .filter(l -> java.util.Arrays.stream(Axis.values()).noneMatch(a -> a.key().equals(l.axis()))).toList();
        if (!unplaced.isEmpty()) {
            html.append("<section id=\"landscape\">\n<h2>Flip-Landscape</h2>\n");
            for (RunSummary.Landscape l : unplaced) {
                landscape(l, ++landscapes, s.measurements());
            }
            html.append("</section>\n");
        }
        html.append("</body>\n</html>\n");
    }

    private void landscape(RunSummary.Landscape l, int number, List<RunSummary.Measurement> measurements) {
        html.append("<div class=\"landscape\" id=\"landscape-").append(number).append("\">\n<h3>Flip-Landscape: ")
                .append(sweptBy(l, measurements).map(name -> escape(name) + " · ").orElse(""))
                .append(escape(l.pool())).append(" · cue ").append(escape(l.cue())).append(" · τ ")
                .append(Canvas.num(l.tau())).append("</h3>\n");
        html.append(GeometryHtml.landscapeText(l));
        html.append("<div class=\"plots\">\n");
        plot("landscape-" + number, Plots.landscape(l, "landscape" + number));
        html.append("</div>\n</div>\n");
    }

    /**
     * The name of the method whose decoder sweep the landscape shows, when its grid points name one; two methods
     * may sweep the same pool.
     */
    private static java.util.Optional<String> sweptBy(RunSummary.Landscape l, List<RunSummary.Measurement> ms) {
        return l.grid().stream().map(RunSummary.LandscapeCell::measurementId).filter(SweepIds::isGridPoint)
                .map(SweepIds::method).findFirst()
                .flatMap(owner -> ms.stream().filter(m -> SweepIds.method(m.id()).equals(owner)).findFirst())
                .map(RunSummary.Measurement::name);
    }

    private void measurement(RunSummary.Measurement m, String id) {
        String outcome = m.gated().map(r -> r.gate().outcome()).orElse("INCOMPLETE");
        // A grid point's reading is information: shown, but never as the badge of a failed gate.
        String badge = m.informational() ? "<span class=\"badge informational\" title=\"decoder-sweep grid point: its"
                + " reading never fails the build\">" + escape(outcome) + " · informational</span>"
                : "<span class=\"badge " + escape(outcome) + "\">" + escape(outcome) + "</span>";
        html.append("<article id=\"").append(id).append("\">\n<h3>").append(escape(m.name()))
                .append(m.informational() ? " " + escape(m.decoder().label()) : "")
                .append(' ').append(badge)
                .append("</h3>\n<p class=\"meta\">model ").append(escape(m.modelId()))
                .append(" · decoder ").append(escape(m.decoder().label()))
                .append(" · pool ").append(escape(m.pool()))
                .append(" · τ ").append(Canvas.num(m.tau()))
                .append(" · judge ").append(escape(m.judge().type())).append(':').append(escape(m.judge().model()))
                .append('@').append(escape(m.judge().version())).append(" #").append(escape(m.judge().id()))
                .append(" · placebo ").append(m.placebo() ? "on" : "off").append("</p>\n");
        stats(m);
        if (!m.results().isEmpty()) {
            html.append(CueTable.render(m.results()));
            RunSummary.CueResult gated = m.gated().orElse(m.results().get(0));
            html.append("<p class=\"explanation\">").append(escape(gated.gate().explanation())).append("</p>\n");
            flips(gated);
        } else {
            html.append("<p class=\"explanation\">The gate never decided (the run stopped before the gate ran).</p>\n");
        }
        errored(m);
        html.append("<div class=\"plots\">\n");
        plot(id + "-frontier", Plots.frontier(m, id + "f"));
        html.append(GeometryHtml.frontierStats(m.frontier()));
        if (!m.results().isEmpty()) {
            plot(id + "-cues", Plots.cues(m, id + "c"));
        }
        html.append("</div>\n");
        if (m.manifold() != null) {
            html.append("<div class=\"plots\">\n");
            plot(id + "-manifold", ManifoldPlot.draw(m.manifold(), id + "mf"));
            html.append(GeometryHtml.manifoldStats(m.manifold()));
            html.append("</div>\n");
        }
        html.append("</article>\n");
    }

    private void stats(RunSummary.Measurement m) {
        RunSummary.Stats st = m.stats();
        html.append(String.format(Locale.ROOT, "<p class=\"meta\">%d model calls · cache %d hits / %d misses · %d "
                        + "judge calls · %d errors · %.1f s</p>\n", st.modelCalls(), st.cacheHits(), st.cacheMisses(),
                st.judgeCalls(), st.errors(), st.wallMillis() / 1000.0));
        if (!m.cueHashes().isEmpty()) {
            html.append("<p class=\"meta\">cues:");
            m.cueHashes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> html.append(' ')
                    .append(escape(e.getKey())).append("=<code>").append(escape(e.getValue())).append("</code>"));
            html.append("</p>\n");
        }
    }

    private void flips(RunSummary.CueResult r) {
        if (r.flips().isEmpty()) {
            return;
        }
        html.append("<details><summary>Flipped prompts (largest v − u first)</summary><ul>\n");
        r.flips().stream().limit(MAX_LISTED).forEach(f -> html.append("<li><code>").append(escape(f.promptId()))
                .append("</code> ").append(String.format(Locale.ROOT, "u=%.3f → v=%.3f", f.u(), f.v()))
                .append("</li>\n"));
        html.append("</ul></details>\n");
    }

    private void errored(RunSummary.Measurement m) {
        if (m.erroredPrompts().isEmpty()) {
            return;
        }
        html.append("<details><summary>").append(m.erroredPrompts().size()).append(" errored prompts</summary><ul>\n");
        m.erroredPrompts().stream().limit(MAX_LISTED).forEach(e -> html.append("<li><code>").append(escape(e.id()))
                .append("</code> [cue ").append(escape(e.cue())).append("]: ").append(escape(e.error())).append("</li>\n"));
        html.append("</ul></details>\n");
    }

    private void plot(String name, Canvas canvas) {
        svgs.put(name + ".svg", canvas.svgDocument());
        html.append("<figure>").append(canvas.svgElement()).append("<figcaption><a href=\"").append(name)
                .append(".svg\">").append(name).append(".svg</a></figcaption></figure>\n");
    }

    private static final String CSS = "body{font-family:sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em}"
            + "td.num{text-align:right}tr.gated{font-weight:bold}.ci{color:#666}.meta{color:#555;margin:.2em 0}"
            + ".PASS{color:#17692f}.FAIL{color:#b00020}.INCONCLUSIVE{color:#a05a00}"
            + ".badge{font-size:.8em;border:1px solid currentColor;border-radius:3px;padding:0 .3em}"
            + ".badge.informational{color:#555;border-style:dashed}"
            + ".explanation{background:#f6f6f6;padding:.5em;border-left:3px solid #999}"
            + ".plots{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}figure{margin:0}"
            + "article{margin-bottom:2.5em}.geo{font-size:.9em;min-width:16em;max-width:28em}.geo dt{font-weight:bold}"
            + ".geo dd{margin:0 0 .5em 0}.why{color:#777;font-size:.85em}table.paper td{vertical-align:top}"
            + "table.paper td>span{white-space:nowrap}"
            + ".landscape{margin-bottom:2em}"
            // Wide tables scroll inside their own box instead of widening the page (CSS only: the CSP allows no script).
            + ".wide{max-width:100%;overflow-x:auto;margin:.5em 0}.wide>table{margin:0}"
            + "ul.reasons{list-style:none;padding-left:0;margin:.2em 0 1em 0}";
}
