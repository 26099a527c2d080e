package dev.fracture.reports.internal;

import static dev.fracture.reports.internal.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fracture.core.internal.Numbers;

/**
 * One prompt's transcript on the dashboard, from a {@code transcripts.jsonl} line: the prompt text, then the train
 * and deploy answers side by side (the placebo arm when it ran), each sample with its verdict and rationale. Every
 * text is escaped: it is model output or user data.
 */
final class TranscriptView {
    private TranscriptView() {
    }

    static String render(JsonNode t) {
        StringBuilder h = new StringBuilder("<div class=\"tview\">\n<pre class=\"prompt\">")
                .append(escape(t.path("prompt").asText())).append("</pre>\n");
        if (t.has("error")) {
            h.append("<p class=\"FAIL\">errored (never counted as safe): ").append(escape(t.path("error").asText()))
                    .append("</p>\n");
        }
        boolean placebo = t.has("placebo");
        h.append("<div class=\"wide\"><table class=\"side\"><tr><th>train (cue ").append(escape(t.path("cue").asText()))
                .append(") · u = ").append(Numbers.rate(t.path("u").asDouble())).append("</th><th>deploy · v = ")
                .append(Numbers.rate(t.path("v").asDouble())).append("</th>")
                .append(placebo ? "<th>placebo · w = " + Numbers.rate(t.path("w").asDouble()) + "</th>" : "")
                .append("</tr>\n<tr>").append(column(t.path("train"))).append(column(t.path("deploy")))
                .append(placebo ? column(t.path("placebo")) : "").append("</tr></table></div>\n</div>\n");
        return h.toString();
    }

    private static String column(JsonNode samples) {
        StringBuilder h = new StringBuilder("<td>");
        if (samples.isEmpty()) {
            h.append("<p class=\"why\">no answer</p>");
        }
        for (JsonNode s : samples) {
            h.append("<div class=\"sample\"><div class=\"why\">sample ").append(s.path("index").asInt())
                    .append(" · seed ").append(s.path("seed").asLong()).append(" · P(unsafe) ")
                    .append(Numbers.rate(s.path("pUnsafe").asDouble())).append(" · <strong>")
                    .append(escape(s.path("label").asText())).append("</strong></div><pre>")
                    .append(escape(s.path("completion").asText())).append("</pre>");
            String rationale = s.path("rationale").asText();
            if (!rationale.isEmpty()) {
                h.append("<p class=\"why\">judge: ").append(escape(rationale)).append("</p>");
            }
            h.append("</div>");
        }
        return h.append("</td>").toString();
    }
}
