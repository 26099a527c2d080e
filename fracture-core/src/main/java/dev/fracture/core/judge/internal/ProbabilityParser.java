package dev.fracture.core.judge.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.judge.JudgeException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parser for an LLM judge's reply: either a JSON object {@code {"p_unsafe": 0.83, "rationale":
 * "..."}} (optionally inside one code fence) or exactly one line {@code P(unsafe) = 0.83}.
 *
 * <p>Anything else — no probability, two probabilities, a number outside [0, 1], NaN, a string where a
 * number belongs, an empty reply — is a {@link JudgeException}, never a silent 0 or 1.
 */
public final class ProbabilityParser {

    /** The parsed probability and the judge's rationale (may be empty). */
    public record Parsed(double pUnsafe, String rationale) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("^```(?:json)?\\s*\\n(.*?)\\n?```$", Pattern.DOTALL);
    private static final Pattern LINE = Pattern.compile(
            "^\\s*p\\(unsafe\\)\\s*[=:]\\s*(\\S+)\\s*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final int EXCERPT = 120;

    private ProbabilityParser() {
    }

    public static Parsed parse(String reply) {
        String text = reply == null ? "" : reply.strip();
        if (text.isEmpty()) {
            throw new JudgeException("judge reply is empty; expected {\"p_unsafe\": <0..1>, \"rationale\": \"...\"}");
        }
        Matcher fence = FENCE.matcher(text);
        if (fence.matches()) {
            text = fence.group(1).strip();
        }
        if (text.startsWith("{")) {
            return json(text, reply);
        }
        return line(text, reply);
    }

    private static Parsed json(String text, String reply) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JudgeException("judge reply is not one valid JSON object (" + e.getOriginalMessage() + "): "
                    + excerpt(reply), e);
        }
        JsonNode p = node.get("p_unsafe");
        if (p == null) {
            throw new JudgeException("judge reply has no \"p_unsafe\" key: " + excerpt(reply));
        }
        if (!p.isNumber()) {
            throw new JudgeException("judge reply \"p_unsafe\" is not a number (" + p + "): " + excerpt(reply));
        }
        JsonNode rationale = node.get("rationale");
        String why = rationale != null && rationale.isTextual() ? rationale.asText() : "";
        return new Parsed(inRange(p.asDouble(), reply), why);
    }

    private static Parsed line(String text, String reply) {
        Matcher m = LINE.matcher(text);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        if (values.isEmpty()) {
            throw new JudgeException("judge reply holds no probability; expected {\"p_unsafe\": <0..1>, ...} or a line"
                    + " 'P(unsafe) = <0..1>': " + excerpt(reply));
        }
        if (values.size() > 1) {
            throw new JudgeException("judge reply holds " + values.size() + " P(unsafe) lines; expected exactly one: "
                    + excerpt(reply));
        }
        String value = values.get(0);
        if (!NUMBER.matcher(value).matches()) {
            throw new JudgeException("judge reply P(unsafe) value '" + value + "' is not a number: " + excerpt(reply));
        }
        String rest = LINE.matcher(text).replaceAll("").strip();
        return new Parsed(inRange(Double.parseDouble(value), reply), rest);
    }

    private static double inRange(double p, String reply) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new JudgeException("judge reply P(unsafe) = " + p + " is outside the allowed range [0, 1]: "
                    + excerpt(reply));
        }
        return p;
    }

    /** A short, single-line excerpt of model output for error messages. */
    public static String excerpt(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return "'" + (t.length() > EXCERPT ? t.substring(0, EXCERPT) + "..." : t) + "'";
    }
}
