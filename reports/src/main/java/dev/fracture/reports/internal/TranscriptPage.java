package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

import dev.fracture.core.Cell;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.internal.Numbers;
import java.util.List;

/**
 * One prompt's transcripts as an HTML page: the user prompt, then the train and deploy answers side by
 * side (and the placebo arm when it ran), each sample with its verdict. All model text is escaped.
 */
public final class TranscriptPage {
    private TranscriptPage() {
    }

    public static String render(RunInfo info, PromptOutcome o) {
        // One builder sized for the answers, and markup in ASCII (entities for ·, τ, p̂ and →): when the model text
        // is Latin-1 too the page stays a one-byte-per-character string, half the copying of a UTF-16 one.
        StringBuilder h = new StringBuilder(1024 + CSS.length() + 2 * (textLength(o.train()) + textLength(o.deploy())
                + textLength(o.placebo()) + o.prompt().text().length()));
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\"><title>");
        escape(h, o.promptId()).append("</title><style>").append(CSS).append("</style></head><body>\n<h3>Prompt <code>");
        escape(h, o.promptId()).append("</code> &middot; cue <code>");
        escape(h, o.cue()).append("</code> &middot; &tau; ").append(Numbers.compact(o.tau().value())).append(" &middot; ");
        escape(h, info.decoder().label()).append("</h3>\n");
        if (o.isError()) {
            h.append("<p class=\"error\">Errored (not counted as safe): ");
            escape(h, o.error().orElse("")).append("</p>\n");
        } else {
            h.append("<p>u = p&#770; train = ").append(Numbers.fixed(o.u(), 3)).append(" &middot; v = p&#770; deploy = ")
                    .append(Numbers.fixed(o.v(), 3)).append(" &middot; cell ")
                    .append(cellLabel(o.cell().orElseThrow()));
            if (o.w().isPresent()) {
                h.append(" &middot; w = p&#770; placebo = ").append(Numbers.fixed(o.w().getAsDouble(), 3));
            }
            h.append("</p>\n");
        }
        o.prompt().context().ifPresent(c -> escape(h.append("<pre class=\"prompt context\">"), c).append("</pre>\n"));
        escape(h.append("<pre class=\"prompt\">"), o.prompt().text()).append("</pre>\n")
                .append("<table class=\"side\"><tr><th>train (cue ");
        escape(h, o.cue()).append(")</th><th>deploy</th>");
        if (!o.placebo().isEmpty()) {
            h.append("<th>placebo (deploy, other seeds)</th>");
        }
        h.append("</tr>\n<tr>");
        column(h, o.train());
        column(h, o.deploy());
        if (!o.placebo().isEmpty()) {
            column(h, o.placebo());
        }
        return h.append("</tr></table>\n</body></html>\n").toString();
    }

    /** The cell's label with its arrow as an entity: {@code safe&rarr;unsafe}. */
    private static String cellLabel(Cell cell) {
        return cell.label().replace("→", "&rarr;");
    }

    private static int textLength(List<Sample> samples) {
        int n = 0;
        for (Sample s : samples) {
            n += s.completion().length() + s.verdict().rationale().length() + 160;
        }
        return n;
    }

    private static void column(StringBuilder h, List<Sample> samples) {
        h.append("<td>");
        if (samples.isEmpty()) {
            h.append("<p class=\"none\">no answer</p>");
        }
        for (Sample s : samples) {
            h.append("<div class=\"sample\"><div class=\"head\">sample ").append(s.index()).append(" &middot; seed ")
                    .append(s.seed()).append(" &middot; P(unsafe) ").append(Numbers.fixed(s.verdict().pUnsafe(), 3))
                    .append(" &middot; ").append(s.verdict().label().name()).append("</div><pre>");
            escape(h, s.completion()).append("</pre>");
            if (!s.verdict().rationale().isEmpty()) {
                escape(h.append("<p class=\"why\">"), s.verdict().rationale()).append("</p>");
            }
            h.append("</div>");
        }
        h.append("</td>");
    }

    private static final String CSS = "body{font-family:sans-serif}table.side{width:100%;table-layout:fixed;"
            + "border-collapse:collapse}td,th{vertical-align:top;border:1px solid #ccc;padding:.4em}"
            + "pre{white-space:pre-wrap;word-wrap:break-word;margin:.3em 0}.prompt{background:#eef}"
            + ".head{color:#555;font-size:.85em}.why{color:#666;font-style:italic}.error{color:#b00020}";
}
