package dev.fracture.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.cache.CacheKey;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.internal.OpenAiWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One sample's request as a line of an OpenAI Batch input file, with what it is for.
 *
 * <p>Sample i of a {@link ChatRequest} with seed s becomes one chat-completions body with {@code n = 1} and seed
 * {@code s + i}: exactly the request the live client sends for that sample when it does not batch, and the request
 * whose answer the response cache stores under {@link CacheKey#of(String, ChatRequest, int, int) the key of sample
 * i}. That key is the line's {@code custom_id} (64 hex characters, the most hosted batch APIs accept), so an
 * answer goes back into the cache under its id with nothing else to look up.
 *
 * @param customId the response-cache key of the sample
 * @param endpoint the endpoint id the key was computed for (provider, URL, model and revision)
 * @param model the model name sent
 * @param promptId the prompt's id in its pool
 * @param label the regime, e.g. {@code deploy} or {@code train cue 'default'}; empty when unknown
 * @param sample the sample index i
 * @param body the chat-completions request body
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record BatchRequest(String customId, String endpoint, String model, String promptId, String label,
                           int sample, JsonNode body) {
    /** The only endpoint Fracture sends to. */
    public static final String URL = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    public BatchRequest {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(body, "body");
        endpoint = endpoint == null ? "" : endpoint;
        model = model == null ? "" : model;
        promptId = promptId == null ? "" : promptId;
        label = label == null ? "" : label;
    }

    /**
     * The per-sample requests of {@code request} sent to {@code endpointId}.
     *
     * @param defaultModel the model sent when the request names none (as the live client does)
     * @param topLogprobs 0, or the top log-probabilities asked for (classifier judges)
     * @param maxTokensField {@code max_tokens} or {@code max_completion_tokens}
     */
    public static List<BatchRequest> of(String endpointId, ChatRequest request, String promptId, String label,
                                        String defaultModel, int topLogprobs, String maxTokensField) {
        String model = request.model() == null || request.model().isBlank() ? defaultModel : request.model();
        List<BatchRequest> out = new ArrayList<>(request.n());
        for (int i = 0; i < request.n(); i++) {
            String key = CacheKey.of(endpointId, request, i, topLogprobs);
            String body = OpenAiWire.requestBody(request, model, 1, request.seed() + i, topLogprobs, maxTokensField);
            out.add(new BatchRequest(key, endpointId, model, promptId, label, i, read(body)));
        }
        return out;
    }

    /** The OpenAI Batch input line: {@code custom_id}, {@code method}, {@code url}, {@code body}. */
    public String requestLine() {
        ObjectNode line = JSON.createObjectNode();
        line.put("custom_id", customId);
        line.put("method", "POST");
        line.put("url", URL);
        line.set("body", body);
        return write(line);
    }

    /** The index line: the id with what it is for, so an import can store and name it. */
    public String indexLine() {
        ObjectNode line = JSON.createObjectNode();
        line.put("custom_id", customId);
        line.put("endpoint", endpoint);
        line.put("model", model);
        line.put("prompt", promptId);
        line.put("label", label);
        line.put("sample", sample);
        return write(line);
    }

    /** How the request reads in a report, e.g. {@code 3f2a9c1b… (prompt 'p-1', deploy, sample 0)}. */
    public String display() {
        return customId.substring(0, Math.min(12, customId.length())) + "… (prompt '" + promptId + "'"
                + (label.isEmpty() ? "" : ", " + label) + ", sample " + sample + ")";
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a batch line", e);
        }
    }
}
