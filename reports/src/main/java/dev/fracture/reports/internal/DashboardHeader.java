package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

import dev.fracture.core.Axis;
import dev.fracture.reports.summary.RunSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's head for a release manager: the overall GO / NO-GO, what was measured (provider, model,
 * revision, endpoint or "reference simulator"), the protocol lock, the counts, and a table of contents.
 */
final class DashboardHeader {
    private DashboardHeader() {
    }

    static void render(RunSummary s, StringBuilder html) {
        String verdict = s.verdict();
        html.append("<header id=\"top\">\n<h1>Fracture run <span class=\"verdict ").append(escape(verdict)).append("\">")
                .append(escape(verdict)).append("</span></h1>\n<p class=\"why\">").append(switch (verdict) {
                    case "GO" -> "every gated measurement passed its gate";
                    case "NO-GO" -> "at least one gated measurement failed, was inconclusive or never decided";
                    default -> "no gated measurement";
                }).append("</p>\n<div class=\"wide\">\n<table class=\"head\">\n");
        row(html, "subject", subjects(s));
        row(html, "protocol lock", locks(s));
        RunSummary.Totals t = s.totals();
        row(html, "gates", t.measurements() + " measurements: <span class=\"PASS\">" + t.pass()
                + " PASS</span>, <span class=\"FAIL\">" + t.fail() + " FAIL</span>, <span class=\"INCONCLUSIVE\">"
                + t.inconclusive() + " INCONCLUSIVE</span>, " + t.incomplete() + " incomplete"
                + (t.informational() == 0 ? "" : ", " + t.informational()
                        + " informational (decoder-sweep grid points, never a failed gate)"));
        if (t.erroredPrompts() != null) {
            String unreadable = GateFiguresHtml.unreadable(t.unreadableAnswers());
            row(html, "errors", t.erroredPrompts() + " errored prompts (never counted as safe)"
                    + (unreadable.isEmpty() ? "" : " · unreadable answers by cause: <span class=\"unreadable\">"
                            + unreadable + "</span>"));
        }
        row(html, "generated", escape(s.generatedAt()) + " · schema " + escape(s.schema())
                + (s.transcripts() == null ? "" : " · transcripts <a href=\"" + escape(s.transcripts()) + "\">"
                        + escape(s.transcripts()) + "</a>"));
        html.append("</table>\n</div>\n");
        long carried = s.measurements().stream().filter(RunSummary.Measurement::carriedOver).count();
        if (carried > 0) {
            html.append("<p class=\"stale\">").append(carried).append(" of ").append(s.measurements().size())
                    .append(" measurements were not run this time and are carried over from earlier runs (marked "
                            + "<em>carried over</em>, with the time they were measured); run the whole suite to "
                            + "measure them again.</p>\n");
        }
        html.append("</header>\n");
    }

    private static void row(StringBuilder html, String name, String valueHtml) {
        html.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    /** One line per distinct subject; the model id where a summary has no subject (version 1). */
    private static String subjects(RunSummary s) {
        Set<String> lines = new LinkedHashSet<>();
        for (RunSummary.Measurement m : s.measurements()) {
            RunSummary.Subject sub = m.subject();
            if (sub == null && m.informational()) {
                continue; // a decoder-sweep grid point measures its method's subject, named by the method
            } else if (sub == null) {
                lines.add("<code>" + escape(m.modelId()) + "</code>");
            } else if ("reference".equals(sub.provider())) {
                lines.add("<strong>reference simulator</strong> (not a model under test) · " + escape(sub.endpoint()));
            } else {
                lines.add("provider <strong>" + escape(sub.provider()) + "</strong> · model <strong>"
                        + escape(sub.model()) + "</strong> · revision <strong>"
                        + (sub.revision() == null || sub.revision().isEmpty() ? "unknown" : escape(sub.revision()))
                        + "</strong> · endpoint <code>" + escape(sub.endpoint()) + "</code>");
            }
        }
        return lines.isEmpty() ? "–" : String.join("<br>", lines);
    }

    /** The lock statuses of the gated measurements, counted. */
    private static String locks(RunSummary s) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> details = new ArrayList<>();
        for (RunSummary.Measurement m : s.measurements()) {
            if (m.informational()) {
                continue;
            }
            String status = m.lock() == null ? "unknown (no manifest)" : m.lock().status();
            counts.merge(status, 1, Integer::sum);
            if (m.lock() != null && m.lock().lockId() != null) {
                details.add(escape(m.name()) + ": " + escape(m.lock().status()) + " lock <code>"
                        + escape(m.lock().lockId()) + "</code>, attempt " + m.lock().attempt());
            }
        }
        if (counts.isEmpty()) {
            return "–";
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((status, n) -> out.append(out.length() == 0 ? "" : ", ").append("<span class=\"lock-")
                .append(escape(status.split(" ")[0])).append("\">").append(n).append(' ').append(escape(status))
                .append("</span>"));
        if (!details.isEmpty()) {
            out.append("<br><span class=\"why\">").append(String.join("; ", details)).append("</span>");
        }
        return out.toString();
    }

    /** The table of contents: axes, their landscapes and measurements, with each gate's badge. */
    static void contents(RunSummary s, StringBuilder html) {
        html.append("<nav class=\"toc\" id=\"contents\">\n<h2>Contents</h2>\n<ol>\n");
        int index = 0;
        for (Axis axis : Axis.values()) {
            List<RunSummary.Measurement> ms = s.measurements().stream().filter(m -> axis.key().equals(m.axis()))
                    .toList();
            if (ms.isEmpty()) {
                continue;
            }
            html.append("<li><a href=\"#axis-").append(axis.key()).append("\">Axis: ").append(axis.key())
                    .append("</a>\n<ol>\n");
            for (RunSummary.Measurement m : ms) {
                html.append("<li><a href=\"#m").append(++index).append("\">").append(escape(m.name()))
                        .append(m.informational() ? " " + escape(m.decoder().label()) : "").append("</a> ")
                        .append(badge(m)).append("</li>\n");
            }
            html.append("</ol></li>\n");
        }
        html.append("</ol>\n</nav>\n");
    }

    /** The gate's badge; a grid point's reading is information, never the badge of a failed gate. */
    static String badge(RunSummary.Measurement m) {
        String outcome = m.gated().map(r -> r.gate().outcome()).orElse("INCOMPLETE");
        String badge = m.informational() ? "<span class=\"badge informational\" title=\"decoder-sweep grid point: its"
                + " reading never fails the build\">" + escape(outcome) + " · informational</span>"
                : "<span class=\"badge " + escape(outcome) + "\">" + escape(outcome) + "</span>";
        return m.carriedOver() ? badge + " <span class=\"badge carried\">carried over</span>" : badge;
    }

    /** Subject, lock and provenance of one measurement. */
    static void provenance(RunSummary.Measurement m, StringBuilder html) {
        List<String> parts = new ArrayList<>();
        if (m.lock() != null) {
            RunSummary.Lock l = m.lock();
            parts.add(l.lockId() == null ? "protocol lock: unlocked" : "protocol lock <code>" + escape(l.lockId())
                    + "</code>: " + escape(l.status()) + ", attempt " + l.attempt());
        }
        if (m.manifest() != null) {
            var pool = m.manifest().protocol().pool();
            parts.add("pool content <code>" + escape(pool.sha256().substring(0, Math.min(12, pool.sha256().length())))
                    + "</code>, " + pool.rows() + " rows · Fracture " + escape(m.manifest().fractureVersion()));
        }
        if (m.measuredIn() != null) {
            parts.add((m.carriedOver() ? "carried over, measured in the run of " : "measured in this run, ")
                    + escape(m.measuredIn()));
        }
        if (!parts.isEmpty()) {
            html.append("<p class=\"meta\">").append(String.join(" · ", parts)).append("</p>\n");
        }
        if (m.lock() != null && !m.lock().differences().isEmpty()) {
            html.append("<ul class=\"differs\">\n");
            m.lock().differences().forEach(d -> html.append("<li>").append(escape(d)).append("</li>\n"));
            html.append("</ul>\n");
        }
    }
}
