package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fracture.core.Axis;
import dev.fracture.core.internal.Numbers;
import dev.fracture.reports.summary.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
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
    public static final int MAX_LISTED = 20;

    /** The page and the standalone SVG files (file name → content). */
    public record Output(String html, Map<String, String> svgFiles) {
    }

    private final StringBuilder html = new StringBuilder();
    private final Map<String, String> svgs = new LinkedHashMap<>();
    private final Map<String, JsonNode> transcripts;

    private DashboardPage(Map<String, JsonNode> transcripts) {
        this.transcripts = transcripts;
    }

    /** The page without transcripts (flipped prompts by id and numbers only). */
    public static Output render(RunSummary summary) {
        return render(summary, Map.of());
    }

    /**
     * The page; {@code transcripts} holds the flipped prompts' transcript lines by
     * {@link TranscriptLog#key(String, String, String)}.
     */
    public static Output render(RunSummary summary, Map<String, JsonNode> transcripts) {
        DashboardPage page = new DashboardPage(transcripts);
        page.page(summary);
        return new Output(page.html.toString(), Map.copyOf(page.svgs));
    }

    private void page(RunSummary s) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src 'self'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fracture run ").append(escape(s.verdict())).append(' ').append(escape(s.generatedAt()))
                .append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        DashboardHeader.render(s, html);
        DashboardHeader.contents(s, html);
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
                .append(Numbers.compact(l.tau())).append("</h3>\n");
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
        String badge = DashboardHeader.badge(m);
        html.append("<article id=\"").append(id).append("\">\n<h3>").append(escape(m.name()))
                .append(m.informational() ? " " + escape(m.decoder().label()) : "")
                .append(' ').append(badge)
                .append("</h3>\n<p class=\"meta\">model ").append(escape(m.subject() == null ? m.modelId()
                        : m.subject().display()))
                .append(" · decoder ").append(escape(m.decoder().label()))
                .append(" · pool ").append(escape(m.pool()))
                .append(" · τ ").append(Numbers.compact(m.tau()))
                .append(" · judge ").append(escape(m.judge().type())).append(':').append(escape(m.judge().model()))
                .append('@').append(escape(m.judge().version())).append(" #").append(escape(m.judge().id()))
                .append(" · placebo ").append(m.placebo() ? "on" : "off").append("</p>\n");
        DashboardHeader.provenance(m, html);
        stats(m);
        if (!m.results().isEmpty()) {
            html.append(CueTable.render(m.results()));
            RunSummary.CueResult gated = m.gated().orElse(m.results().get(0));
            html.append("<p class=\"explanation\">").append(escape(gated.gate().explanation())).append("</p>\n");
            html.append(GateFiguresHtml.gate(m, gated));
            html.append(GateFiguresHtml.tauCurve(m.tauCurve(), m.tau()));
            flips(m, gated);
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

    /** The exact cue texts from the manifest (the gated one marked), else their hashes. */
    private void cues(RunSummary.Measurement m) {
        if (m.manifest() == null) {
            if (!m.cueHashes().isEmpty()) {
                html.append("<p class=\"meta\">cue hashes (this summary has no cue texts):");
                m.cueHashes().forEach((id, hash) -> html.append(' ').append(escape(id)).append("=<code>")
                        .append(escape(hash)).append("</code>"));
                html.append("</p>\n");
            }
            return;
        }
        var p = m.manifest().protocol();
        html.append("<details class=\"cues\"><summary>Cues (").append(p.cues().size())
                .append(" train, 1 deploy; placement ").append(escape(p.cuePlacement())).append(")</summary>\n<dl>\n");
        for (var cue : p.cues()) {
            html.append("<dt>").append(escape(cue.id())).append(cue.id().equals(p.gatedCue()) ? " (gated)" : "")
                    .append(" <code>").append(escape(m.cueHashes().getOrDefault(cue.id(), ""))).append("</code></dt><dd>")
                    .append(escape(cue.text())).append("</dd>\n");
        }
        html.append("<dt>deploy <code>").append(escape(m.cueHashes().getOrDefault("deploy", ""))).append("</code></dt><dd>")
                .append(escape(p.deploy())).append("</dd>\n</dl>\n</details>\n");
    }

    private void stats(RunSummary.Measurement m) {
        RunSummary.Stats st = m.stats();
        html.append("<p class=\"meta\">").append(st.modelCalls()).append(" model calls · cache ").append(st.cacheHits())
                .append(" hits / ").append(st.cacheMisses()).append(" misses · ").append(st.judgeCalls())
                .append(" judge calls · ").append(st.errors()).append(" errors · ")
                .append(Numbers.fixed(st.wallMillis() / 1000.0, 1)).append(" s");
        String unreadable = GateFiguresHtml.unreadable(st.unreadable());
        if (!unreadable.isEmpty()) {
            html.append(" · <span class=\"unreadable\">unreadable answers (errored, never counted as safe): ")
                    .append(unreadable).append("</span>");
        }
        html.append("</p>\n");
        cues(m);
    }

    private void flips(RunSummary.Measurement m, RunSummary.CueResult r) {
        if (r.flips().isEmpty()) {
            return;
        }
        html.append("<h4>Flipped prompts (largest v − u first")
                .append(r.flips().size() > MAX_LISTED ? ", the first " + MAX_LISTED : "").append(")</h4>\n");
        r.flips().stream().limit(MAX_LISTED).forEach(f -> {
            JsonNode t = transcripts.get(TranscriptLog.key(m.id(), f.promptId(), r.cue()));
            html.append("<details class=\"transcript\"><summary><code>").append(escape(f.promptId()))
                    .append("</code> u = ").append(Numbers.rate(f.u())).append(" → v = ").append(Numbers.rate(f.v()))
                    .append(t == null ? "" : " · " + escape(shorten(t.path("prompt").asText(), 90)))
                    .append("</summary>\n");
            html.append(t == null ? "<p class=\"why\">no transcript (transcripts.jsonl is not beside this summary)</p>\n"
                    : TranscriptView.render(t));
            html.append("</details>\n");
        });
    }

    static String shorten(String text, int max) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
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
            + "ul.reasons{list-style:none;padding-left:0;margin:.2em 0 1em 0}"
            // Tables fit the window: long ids and texts wrap instead of pushing the last column out of view.
            + "td{overflow-wrap:anywhere}td.num,th{overflow-wrap:normal}table{max-width:100%}"
            + "header{border-bottom:2px solid #ccc;margin-bottom:1em}table.head th{text-align:left;background:#f4f4f4}"
            + ".verdict{padding:0 .4em;border-radius:4px;color:#fff}.verdict.GO{background:#17692f}"
            + ".verdict.NO-GO{background:#b00020}.verdict.NONE{background:#777}"
            + ".stale{background:#fff4d6;border-left:4px solid #a05a00;padding:.5em}.badge.carried{color:#a05a00}"
            + "nav.toc{background:#fafafa;border:1px solid #ddd;padding:.5em 1em;margin-bottom:1.5em}"
            + "nav.toc ol{margin:.2em 0}ul.differs{color:#b00020}"
            + "details.transcript{margin:.3em 0;border:1px solid #ddd;padding:.3em .6em}"
            + "table.side{width:100%;table-layout:fixed}table.side td{vertical-align:top}"
            + "pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3em 0}pre.prompt{background:#eef;padding:.4em}"
            + ".lock-differs{color:#b00020}.lock-matches{color:#17692f}"
            + "dl dt{font-weight:bold}dl dd{margin:0 0 .4em 1em}"
            + "table.tau th.gated{background:#e8e8ff}table.tau td{font-size:.85em}.unreadable{color:#a05a00}";
}
