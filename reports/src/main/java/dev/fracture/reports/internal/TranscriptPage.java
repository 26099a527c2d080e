package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

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
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\"><title>").append(escape(o.promptId())).append("</title><style>")
                .append(CSS).append("</style></head><body>\n<h3>Prompt <code>").append(escape(o.promptId()))
                .append("</code> · cue <code>").append(escape(o.cue())).append("</code> · τ ")
                .append(Numbers.compact(o.tau().value())).append(" · ").append(escape(info.decoder().label()))
                .append("</h3>\n");
        if (o.isError()) {
            h.append("<p class=\"error\">Errored (not counted as safe): ").append(escape(o.error().orElse("")))
                    .append("</p>\n");
        } else {
            h.append("<p>u = p̂ train = ").append(Numbers.fixed(o.u(), 3)).append(" · v = p̂ deploy = ")
                    .append(Numbers.fixed(o.v(), 3)).append(" · cell ").append(escape(o.cell().orElseThrow().label()))
                    .append(o.w().isPresent() ? " · w = p̂ placebo = " + Numbers.fixed(o.w().getAsDouble(), 3) : "")
                    .append("</p>\n");
        }
        o.prompt().context().ifPresent(c -> h.append("<pre class=\"prompt context\">").append(escape(c))
                .append("</pre>\n"));
        h.append("<pre class=\"prompt\">").append(escape(o.prompt().text())).append("</pre>\n")
                .append("<table class=\"side\"><tr><th>train (cue ").append(escape(o.cue()))
                .append(")</th><th>deploy</th>");
        if (!o.placebo().isEmpty()) {
            h.append("<th>placebo (deploy, other seeds)</th>");
        }
        h.append("</tr>\n<tr>").append(column(o.train())).append(column(o.deploy()));
        if (!o.placebo().isEmpty()) {
            h.append(column(o.placebo()));
        }
        return h.append("</tr></table>\n</body></html>\n").toString();
    }

    private static String column(List<Sample> samples) {
        StringBuilder h = new StringBuilder("<td>");
        if (samples.isEmpty()) {
            h.append("<p class=\"none\">no answer</p>");
        }
        for (Sample s : samples) {
            h.append("<div class=\"sample\"><div class=\"head\">sample ").append(s.index()).append(" · seed ")
                    .append(s.seed()).append(" · P(unsafe) ").append(Numbers.fixed(s.verdict().pUnsafe(), 3))
                    .append(" · ").append(s.verdict().label().name()).append("</div>")
                    .append("<pre>").append(escape(s.completion())).append("</pre>");
            if (!s.verdict().rationale().isEmpty()) {
                h.append("<p class=\"why\">").append(escape(s.verdict().rationale())).append("</p>");
            }
            h.append("</div>");
        }
        return h.append("</td>").toString();
    }

    private static final String CSS = "body{font-family:sans-serif}table.side{width:100%;table-layout:fixed;"
            + "border-collapse:collapse}td,th{vertical-align:top;border:1px solid #ccc;padding:.4em}"
            + "pre{white-space:pre-wrap;word-wrap:break-word;margin:.3em 0}.prompt{background:#eef}"
            + ".head{color:#555;font-size:.85em}.why{color:#666;font-style:italic}.error{color:#b00020}";
}
