package dev.fracture.core.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * One answer as a provider sent it, before Fracture decides whether it is an answer at all.
 *
 * @param text the answer's text (text parts joined), or {@code null} when the provider sent none
 * @param nonText whether content was present but held no text (images, tool calls, an object)
 * @param finishReason why generation ended, normalised to {@code stop}, {@code length} or
 *                     {@code content_filter} where it maps to one; empty when absent
 * @param reasoningOnly whether the provider sent reasoning (e.g. {@code reasoning_content}, thinking blocks),
 *                      which is never taken as the answer
 * @param firstTokenLogprobs top log-probabilities of the first token, when asked for and sent
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record WireChoice(String text, boolean nonText, String finishReason, boolean reasoningOnly,
                         Map<String, Double> firstTokenLogprobs) {

    public WireChoice {
        finishReason = finishReason == null ? "" : finishReason;
        firstTokenLogprobs = firstTokenLogprobs == null ? Map.of() : Map.copyOf(firstTokenLogprobs);
    }

    /** A plain text answer that ended normally. */
    public static WireChoice text(String text) {
        return new WireChoice(text, false, "stop", false, Map.of());
    }
}
