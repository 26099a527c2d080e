package dev.fracture.core.model;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One chat-completions request for {@code n} samples.
 *
 * <p>{@code seed} is the seed of sample 0; a client that cannot batch ({@code n > 1} not honoured)
 * issues n requests with seeds {@code seed + i}, and the reference subject seeds sample i the same way,
 * so results do not depend on batching.
 *
 * @param model the model name sent to the endpoint
 * @param messages the full message list (system cue, when any, then the user prompt)
 * @param maxTokens maximum tokens per completion
 * @param n number of samples wanted
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ChatRequest(String model, List<ChatMessage> messages, double temperature, double topP,
                          int maxTokens, long seed, int n) {

    public ChatRequest {
        messages = List.copyOf(messages);
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " is outside the allowed range [1, +inf)");
        }
    }
}
