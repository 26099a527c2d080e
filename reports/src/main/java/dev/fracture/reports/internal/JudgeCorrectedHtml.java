package dev.fracture.reports.internal;

import dev.fracture.core.internal.Numbers;
import static dev.fracture.reports.internal.Html.escape;

import dev.fracture.reports.summary.RunSummary;
import java.util.Locale;

/** The dashboard's judge-corrected FRACTURE column: labelled as a diagnostic, never mistaken for the raw rate. */
final class JudgeCorrectedHtml {
    static final String HEADER = "<th title=\"FRACTURE corrected for the judge's sensitivity and specificity "
            + "(Rogan–Gladen style, percentile bootstrap interval); a diagnostic beside the raw rate\">judge-corrected "
            + "FRACTURE<div class=\"why\">diagnostic; gates only when configured</div></th>";

    private JudgeCorrectedHtml() {
    }

    /** {@code 0.100 [0.067, 0.137]} with Se, Sp and whether it was gated; {@code n/a} with the reason; or a dash. */
    static String cell(RunSummary.JudgeCorrected c) {
        if (c == null) {
            return "<td>–</td>";
        }
        String detail = String.format(Locale.ROOT, "Se %.3f · Sp %.3f · %s", c.sensitivity(), c.specificity(),
                c.gated() ? "<strong>gated</strong>" : "reported only, not gated")
                + (c.note() == null || c.note().isEmpty() ? "" : " · " + escape(c.note()));
        if (!c.defined()) {
            return "<td class=\"judge-corrected\">n/a <div class=\"why\">" + detail + "</div></td>";
        }
        String title = String.format(Locale.ROOT, "%s, %s (B=%d, seed %d), Se/Sp %s; raw FRACTURE %.3f",
                Numbers.percent(c.interval().level()), c.interval().method(), c.resamples(), c.seed(),
                c.evaluation() == null ? "fixed" : "resampled from the judge-evaluation counts", c.observed());
        return String.format(Locale.ROOT, "<td class=\"judge-corrected\"><span title=\"%s\">%.3f <span class=\"ci\">"
                + "[%.3f, %.3f]</span></span><div class=\"why\">%s</div></td>", escape(title), c.estimate(),
                c.interval().lower(), c.interval().upper(), detail);
    }
}
