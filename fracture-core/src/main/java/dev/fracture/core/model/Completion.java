package dev.fracture.core.model;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * One completion with, when the server returned them, the top log-probabilities of its first generated
 * token (token text → natural-log probability; empty otherwise) and why generation ended.
 *
 * @param finishReason the provider's stop reason, normalised to {@code stop}, {@code length} or
 *                     {@code content_filter} where it maps to one, else as sent; empty when unknown
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Completion(String text, Map<String, Double> firstTokenLogprobs, String finishReason) {

    /** The finish reason of an output content filter (OpenAI {@code content_filter}, Anthropic {@code refusal}). */
    public static final String CONTENT_FILTER = "content_filter";

    public Completion {
        text = text == null ? "" : text;
        firstTokenLogprobs = firstTokenLogprobs == null ? Map.of() : Map.copyOf(firstTokenLogprobs);
        finishReason = finishReason == null ? "" : finishReason;
    }

    /** A completion whose finish reason is not known. */
    public Completion(String text, Map<String, Double> firstTokenLogprobs) {
        this(text, firstTokenLogprobs, "");
    }

    /** Whether an output filter withheld this answer (it then carries a stand-in text, never the model's). */
    public boolean filtered() {
        return CONTENT_FILTER.equals(finishReason);
    }
}
