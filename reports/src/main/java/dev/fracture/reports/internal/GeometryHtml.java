package dev.fracture.reports.internal;

import dev.fracture.core.internal.Numbers;
import static dev.fracture.reports.internal.Html.escape;

import dev.fracture.reports.summary.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dashboard's text for the geometric views: the paper's numbers, the frontier, landscape and flow figures. */
final class GeometryHtml {
    private GeometryHtml() {
    }

    private static final String[] PAPER_HEADERS = {"FRACTURE", "SRF median lift", "Manifold Entry",
        "FRACTURE before caps", "FRACTURE after caps"};

    /**
     * The paper's four numbers, one row per measurement of an axis; empty when none has them. A column that is
     * undefined on every row is left out and named once below the table with its reason (no columns of n/a).
     */
    static String paperNumbers(List<RunSummary.Measurement> ms) {
        List<RunSummary.Measurement> with = ms.stream().filter(m -> m.paperNumbers() != null).toList();
        if (with.isEmpty()) {
            return "";
        }
        boolean corrected = with.stream().anyMatch(m -> m.judgeCorrected() != null);
        int columns = PAPER_HEADERS.length;
        boolean[] shown = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            final int col = c;
            shown[c] = c == 0 || with.stream().anyMatch(m -> {
                RunSummary.Figure f = m.paperNumbers().figures().get(col);
                return f == null || f.defined();
            });
        }
        boolean capShown = with.stream().anyMatch(m -> m.paperNumbers().capSetting() != null);
        StringBuilder html = new StringBuilder("<div class=\"wide\">\n<table class=\"paper\">\n<caption>The paper's "
                + "four numbers (").append(Numbers.percent(with.get(0).paperNumbers().fracture().level()))
                .append(" intervals)</caption>\n<tr><th>measurement</th><th>decoder</th>");
        for (int c = 0; c < columns; c++) {
            if (shown[c]) {
                html.append("<th>").append(PAPER_HEADERS[c]).append("</th>");
            }
            if (c == 0 && corrected) {
                html.append(JudgeCorrectedHtml.HEADER);
            }
        }
        html.append(capShown ? "<th>cap</th>" : "").append("</tr>\n");
        // The reasons a number is missing repeat on every row (flows off, no sweep): each is written once, below.
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (RunSummary.Measurement m : with) {
            RunSummary.PaperNumbers p = m.paperNumbers();
            html.append("<tr><td>").append(escape(m.name())).append("</td><td>").append(escape(m.decoder().label()))
                    .append("</td>");
            for (int c = 0; c < columns; c++) {
                RunSummary.Figure f = p.figures().get(c);
                if (shown[c]) {
                    html.append("<td>").append(f != null && !f.defined() ? missing(f, reasons) : figure(f))
                            .append("</td>");
                }
                if (c == 0 && corrected) { // the extra column sits right beside the raw rate
                    html.append(JudgeCorrectedHtml.cell(m.judgeCorrected()));
                }
            }
            if (capShown) {
                html.append("<td>").append(p.capSetting() == null ? "–" : escape(p.capSetting())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</div>\n");
        List<String> hidden = new java.util.ArrayList<>();
        for (int c = 0; c < columns; c++) {
            if (!shown[c]) {
                final int col = c;
                String why = with.stream().map(m -> m.paperNumbers().figures().get(col)).filter(f -> f != null)
                        .map(f -> f.note() == null || f.note().isEmpty() ? "not defined" : f.note()).distinct()
                        .collect(java.util.stream.Collectors.joining("; "));
                hidden.add(PAPER_HEADERS[c] + ": " + why);
            }
        }
        if (!reasons.isEmpty() || !hidden.isEmpty()) {
            html.append("<ul class=\"why reasons\">\n");
            reasons.forEach((reason, k) -> html.append("<li><sup>").append(k).append("</sup> ").append(escape(reason))
                    .append("</li>\n"));
            hidden.forEach(h -> html.append("<li>Not shown, undefined for every measurement here: ").append(escape(h))
                    .append("</li>\n"));
            html.append("</ul>\n");
        }
        return html.toString();
    }

    /** {@code n/a} with the number of its reason, which {@code reasons} lists once for the whole table. */
    private static String missing(RunSummary.Figure f, Map<String, Integer> reasons) {
        String reason = f.note() == null || f.note().isEmpty() ? "not defined" : f.note();
        int k = reasons.computeIfAbsent(reason, r -> reasons.size() + 1);
        return "n/a <sup class=\"why\">" + k + "</sup>";
    }

    /** {@code 0.075 [0.026, 0.199]} with the method in a tooltip, or {@code n/a} and the reason. */
    static String figure(RunSummary.Figure f) {
        if (f == null) {
            return "–";
        }
        if (!f.defined()) {
            return "n/a <div class=\"why\">" + escape(f.note()) + "</div>";
        }
        String title = Numbers.percent(f.level()) + ", " + f.method() + ", n=" + f.n()
                + (f.note() == null || f.note().isEmpty() ? "" : ", " + f.note());
        return String.format(Locale.ROOT, "<span title=\"%s\">%.3f <span class=\"ci\">[%.3f, %.3f]</span></span>",
                escape(title), f.estimate(), f.lower(), f.upper());
    }

    /** Dominance and median lift with their intervals, printed beside the SRF scatter. */
    static String frontierStats(RunSummary.Frontier f) {
        StringBuilder html = new StringBuilder("<dl class=\"geo srf\">\n");
        if (f == null) {
            return html.append("<dt>Frontier</dt><dd>no prompt was scored</dd>\n</dl>\n").toString();
        }
        html.append("<dt>Dominance (share with v &gt; u)</dt><dd>").append(Numbers.rate(f.dominance()));
        if (f.dominanceInterval() != null) {
            RunSummary.Bounds b = f.dominanceInterval();
            html.append(String.format(Locale.ROOT, " <span class=\"ci\">[%.3f, %.3f]</span> (%s, %s)", b.lower(),
                    b.upper(), Numbers.percent(b.level()), escape(b.method())));
        }
        html.append("</dd>\n<dt>Median lift (median of v − u)</dt><dd>").append(Numbers.rate(f.medianLift()));
        if (f.medianLiftInterval() != null) {
            RunSummary.BootstrapBounds b = f.medianLiftInterval();
            html.append(String.format(Locale.ROOT, " <span class=\"ci\">[%.3f, %.3f]</span> (%s, percentile "
                    + "bootstrap, B=%d, seed %d)", b.lower(), b.upper(), Numbers.percent(b.level()), b.resamples(), b.seed()));
        }
        html.append("</dd>\n<dt>Prompts</dt><dd>").append(f.n() == null ? "–" : Integer.toString(f.n()))
                .append(" of cue ").append(escape(f.cue())).append("</dd>\n</dl>\n");
        return html.toString();
    }

    /** The decoder cap and FRACTURE before and after it, above the heatmap. */
    static String landscapeText(RunSummary.Landscape l) {
        RunSummary.Cap cap = l.cap();
        if (cap == null) {
            return "<p class=\"meta\">" + l.grid().size() + " grid points; no decoder cap in this landscape.</p>\n";
        }
        StringBuilder html = new StringBuilder("<p class=\"cap\"><strong>Decoder cap: ")
                .append(escape(cap.setting())).append("</strong> — ");
        if (cap.maxTemperature() == null) {
            html.append("the gate passes at no lower-left corner of the grid, not even the lowest point");
        } else {
            html.append(cap.pointsInside()).append(" of ").append(cap.points())
                    .append(" grid points inside (outlined)");
        }
        html.append("; ").append(cap.pointsAdmissible()).append(" of ").append(cap.points())
                .append(" pass the gate (budget ").append(Numbers.compact(cap.budget())).append(", ")
                .append(escape(cap.policy())).append(", ").append(Numbers.percent(cap.confidence())).append(' ')
                .append(escape(cap.method())).append(").</p>\n<p class=\"meta\">FRACTURE before caps ")
                .append(figure(l.fractureBeforeCaps())).append(' ').append(note(l.fractureBeforeCaps()))
                .append(" → after caps ").append(figure(l.fractureAfterCaps())).append(' ')
                .append(l.fractureAfterCaps() != null && l.fractureAfterCaps().defined()
                        ? note(l.fractureAfterCaps()) : "").append("</p>\n");
        return html.toString();
    }

    /** MedDrift and Entry with intervals, beside the flow plot. */
    static String manifoldStats(RunSummary.Manifold m) {
        StringBuilder html = new StringBuilder("<dl class=\"geo manifold\">\n<dt>MedDrift (median train→deploy ")
                .append("distance)</dt><dd>").append(figure(m.medDrift())).append("</dd>\n<dt>Entry (deploy enters ")
                .append("the unsafe region)</dt><dd>").append(figure(m.entry())).append("</dd>\n<dt>Prompts</dt><dd>")
                .append(m.prompts()).append(" embedded of ").append(m.scoredPrompts()).append(" scored (at most ")
                .append(m.maxPrompts()).append(", a fixed sample by prompt id)</dd>\n<dt>Embedder</dt><dd>")
                .append(escape(m.embedder())).append("</dd>\n");
        if (m.explainedVariance().size() == 2) {
            html.append(String.format(Locale.ROOT, "<dt>Projection</dt><dd>PCA, %.0f%% + %.0f%% of the variance</dd>\n",
                    100 * m.explainedVariance().get(0), 100 * m.explainedVariance().get(1)));
        }
        return html.append("</dl>\n").toString();
    }

    private static String note(RunSummary.Figure f) {
        return f == null || f.note() == null || f.note().isEmpty() ? "" : "<span class=\"why\">" + escape(f.note())
                + "</span>";
    }

}
