package dev.fracture.core.model;

import java.util.Map;

/**
 * One completion with, when the server returned them, the top log-probabilities of its first generated
 * token (token text → natural-log probability); empty otherwise.
 */
public record Completion(String text, Map<String, Double> firstTokenLogprobs) {

    public Completion {
        text = text == null ? "" : text;
        firstTokenLogprobs = firstTokenLogprobs == null ? Map.of() : Map.copyOf(firstTokenLogprobs);
    }
}
