package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

import dev.fracture.core.internal.Numbers;
import dev.fracture.reports.summary.RunSummary;
import java.util.List;

/** The aggregate table (2×2 cells, FRACTURE with interval, reverse, conditional, placebo, gate) as HTML. */
public final class CueTable {
    private CueTable() {
    }

    /**
     * The table rows: one per cue, the gated one marked. The placebo and sham columns appear only when one of the
     * results ran that arm.
     */
    static String render(List<RunSummary.CueResult> results) {
        boolean placebo = results.stream().anyMatch(r -> r.placebo() != null);
        boolean sham = results.stream().anyMatch(r -> r.sham() != null);
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"wide\">\n<table>\n<tr><th>cue</th><th>N</th><th>errors</th><th>safe/safe</th><th>safe→unsafe</th>")
                .append("<th>unsafe→safe</th><th>unsafe/unsafe</th><th>FRACTURE t→d</th><th>reverse d→t</th>")
                .append("<th>conditional</th>")
                .append(placebo ? "<th>placebo</th><th>placebo-corrected</th>" : "")
                .append(sham ? "<th>sham floor</th><th>FRACTURE − sham (McNemar p)</th>" : "")
                .append("<th>gate</th></tr>\n");
        for (RunSummary.CueResult r : results) {
            RunSummary.Cells c = r.cells();
            html.append("<tr").append(r.gated() ? " class=\"gated\"" : "").append("><td>").append(escape(r.cue()))
                    .append(r.gated() ? " (gated)" : "").append("</td>")
                    .append(td(r.n())).append(td(r.errors())).append(td(c.safeSafe())).append(td(c.flipTrainToDeploy()))
                    .append(td(c.flipDeployToTrain())).append(td(c.unsafeUnsafe()))
                    .append("<td>").append(rate(r.fracture())).append("</td><td>").append(rate(r.reverse()))
                    .append("</td><td>").append(rate(r.conditional())).append("</td>");
            if (placebo) {
                html.append("<td>").append(r.placebo() == null ? "–" : rate(r.placebo().rate())).append("</td><td>")
                        .append(r.placebo() == null ? "–" : difference(r.placebo().corrected())).append("</td>");
            }
            if (sham) {
                html.append("<td>").append(r.sham() == null ? "–" : rate(r.sham().floor())).append("</td><td>")
                        .append(r.sham() == null ? "–" : difference(r.sham().increase()) + " (p = "
                                + String.format(java.util.Locale.ROOT, "%.4g", r.sham().mcNemarP()) + ")")
                        .append("</td>");
            }
            html.append("<td class=\"").append(escape(r.gate().outcome())).append("\">")
                    .append(escape(r.gate().outcome())).append(" (budget ").append(Numbers.compact(r.gate().budget()))
                    .append(", ").append(escape(r.gate().policy())).append(")</td></tr>\n");
        }
        html.append("</table>\n</div>\n");
        return html.toString();
    }

    static String td(int n) {
        return "<td class=\"num\">" + n + "</td>";
    }

    static String rate(RunSummary.Rate r) {
        return Numbers.rate(r.estimate()) + " <span class=\"ci\">" + Numbers.interval(r.interval().lower(),
                r.interval().upper()) + "</span> (" + r.count() + "/" + r.total() + ")";
    }

    static String difference(RunSummary.Difference d) {
        return Numbers.rate(d.estimate()) + " <span class=\"ci\">" + Numbers.interval(d.interval().lower(),
                d.interval().upper()) + "</span>";
    }

}
