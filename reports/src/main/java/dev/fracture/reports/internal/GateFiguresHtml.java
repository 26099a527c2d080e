package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

import dev.fracture.core.internal.Numbers;
import dev.fracture.reports.summary.RunSummary;
import java.util.Map;

/**
 * The figures that stand beside a gate's decision on the dashboard: its power, what a sequential gate used and
 * saved, the correlation-free judge-corrected bound, the τ-sensitivity curve and the unreadable answers by cause.
 * Every string from the summary is escaped.
 */
final class GateFiguresHtml {
    private GateFiguresHtml() {
    }

    /** Power, sequential usage and the correlation-free bound of the gated result, one line each. */
    static String gate(RunSummary.Measurement m, RunSummary.CueResult gated) {
        StringBuilder out = new StringBuilder();
        RunSummary.Gate g = gated.gate();
        if (g.power() != null) {
            RunSummary.Power p = g.power();
            out.append("<p class=\"meta power\">power: P(PASS) at FRACTURE ").append(Numbers.compact(p.alternative(), 4))
                    .append(" (half the budget) with ").append(p.prompts()).append(" prompts: <strong>")
                    .append(Numbers.rate(p.probability())).append("</strong> <span class=\"why\">")
                    .append(escape(p.note())).append("</span></p>\n");
        }
        if (g.sequential() != null) {
            RunSummary.Sequential s = g.sequential();
            out.append("<p class=\"meta sequential\">sequential gate: used ").append(s.used()).append(" of ")
                    .append(s.poolSize()).append(" prompts (").append(s.callsUsed()).append(" calls) in ")
                    .append(s.looks()).append(s.looks() == 1 ? " look" : " looks").append(", saved ")
                    .append(s.saved()).append(" prompts (").append(s.callsSaved()).append(" calls)");
            if (s.merged()) {
                out.append("; replayed over ").append(s.shards()).append(" shards in the order given, ")
                        .append(s.decidedInShard() == null ? "no shard decided"
                                : "decided in shard " + s.decidedInShard() + " (" + Html.escape(s.decidedIn()) + ")");
                if (s.measuredNotNeeded() != null && s.measuredNotNeeded() > 0) {
                    out.append(", ").append(s.measuredNotNeeded()).append(" prompts measured after the deciding look");
                }
            }
            out.append("</p>\n");
        }
        if (m.baseline() != null) {
            out.append(baseline(m.baseline()));
        }
        RunSummary.JudgeCorrected jc = m.judgeCorrected();
        if (jc != null && jc.correlationFree() != null) {
            RunSummary.CorrelationFree b = jc.correlationFree();
            out.append("<p class=\"meta correlation-free\">judge-corrected bound, valid whatever the correlation of"
                            + " the judge's errors (").append(jc.gated() ? "the gate decides on it" : "reported only")
                    .append("): <strong>").append(Numbers.interval(b.lower(), b.upper())).append("</strong> (")
                    .append(Numbers.percent(b.level())).append(") = raw upper ").append(Numbers.rate(b.rawUpper()))
                    .append(" / (Se + Sp − 1 = ").append(Numbers.rate(b.sensitivity() + b.specificity() - 1))
                    .append("), raw lower ").append(Numbers.rate(b.rawLower())).append(" shifted by m = ")
                    .append(Numbers.rate(b.maxErrorRate()))
                    .append(b.estimated() ? "; Se and Sp are confidence bounds from the evaluation counts" : "")
                    .append("</p>\n");
        }
        return out.toString();
    }

    /** The regression verdict against a baseline checkpoint measured in the same run, one line. */
    static String baseline(RunSummary.Baseline b) {
        return "<p class=\"meta baseline\">regression against the baseline " + escape(b.baseline()) + ": <strong>"
                + escape(b.outcome()) + "</strong> (δ " + Numbers.compact(b.delta(), 4) + (b.failsGate()
                ? ", fails the gate" : "") + "): increase " + String.format(java.util.Locale.ROOT, "%+.3f",
                b.increase()) + " " + Numbers.interval(b.interval().lower(), b.interval().upper()) + " ("
                + Numbers.percent(b.confidence()) + ", paired) over " + b.paired() + " paired prompts, "
                + b.candidateOnly() + " candidate-only and " + b.baselineOnly() + " baseline-only flips"
                + (b.erroredPairs() > 0 ? ", " + b.erroredPairs() + " errored pairs never counted as safe" : "")
                + "; exact McNemar p = " + String.format(java.util.Locale.ROOT, "%.4g", b.mcNemarP())
                + "; McNemar's power at an increase of " + Numbers.compact(b.powerAt(), 4) + ": "
                + Numbers.rate(b.mcNemarPower()) + "</p>\n";
    }

    /** The τ-sensitivity curve as a compact two-row table; empty without a curve. */
    static String tauCurve(RunSummary.TauCurve curve, double gateTau) {
        if (curve == null || curve.points().isEmpty()) {
            return "";
        }
        RunSummary.Bounds first = curve.points().get(0).fracture().interval();
        StringBuilder out = new StringBuilder("<details class=\"tau-curve\"><summary>FRACTURE(τ) from the same scores"
                + " (cue ").append(escape(curve.cue())).append(", pointwise ").append(Numbers.percent(first.level()))
                .append(' ').append(escape(first.method())).append("; τ is fixed before the run, this is a"
                        + " sensitivity check)</summary>\n<div class=\"wide\">\n<table class=\"tau\">\n<tr><th>τ</th>");
        for (RunSummary.TauPoint p : curve.points()) {
            boolean gated = Math.abs(p.tau() - gateTau) < 1e-12;
            out.append(gated ? "<th class=\"gated\">" : "<th>").append(escape(p.exact())).append("</th>");
        }
        out.append("</tr>\n<tr><th>FRACTURE</th>");
        for (RunSummary.TauPoint p : curve.points()) {
            RunSummary.Rate r = p.fracture();
            out.append("<td class=\"num\" title=\"").append(r.count()).append('/').append(r.total()).append("\">")
                    .append(Numbers.rate(r.estimate())).append("<br><span class=\"ci\">")
                    .append(Numbers.interval(r.interval().lower(), r.interval().upper())).append("</span></td>");
        }
        return out.append("</tr>\n</table>\n</div>\n</details>\n").toString();
    }

    /** {@code 3 content_filter, 1 length}; empty when there were none. */
    static String unreadable(Map<String, Long> byCause) {
        if (byCause == null || byCause.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        byCause.forEach((cause, n) -> out.append(out.length() == 0 ? "" : ", ").append(n).append(' ')
                .append(escape(cause)));
        return out.toString();
    }
}
