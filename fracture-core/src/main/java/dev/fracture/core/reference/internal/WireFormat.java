package dev.fracture.core.reference.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.reference.Persona;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI chat-completions wire format as the reference subject (simulator) reads and writes it. */
public final class WireFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireFormat() {
    }

    /**
     * Parses a {@code POST /v1/chat/completions} body. Defaults as in the OpenAI API: temperature 1, top_p 1,
     * n 1; a missing seed is 0 and a missing max_tokens means no limit. {@code logprobs} and
     * {@code top_logprobs} are accepted and ignored.
     *
     * @throws IllegalArgumentException naming the field and the fix when the body is not a valid request
     */
    public static ChatRequest parseRequest(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("request body must be a JSON object with 'model' and 'messages'");
        }
        String model = root.path("model").isTextual() ? root.get("model").asText() : null;
        List<ChatMessage> messages = messages(root.get("messages"));
        double temperature = number(root, "temperature", 1.0);
        double topP = number(root, "top_p", 1.0);
        int maxTokens = (int) integer(root, "max_tokens", integer(root, "max_completion_tokens", 0));
        long seed = integer(root, "seed", 0);
        int n = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, integer(root, "n", 1)));
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " is outside the allowed range [1, " + Simulator.MAX_N + "]");
        }
        return new ChatRequest(model, messages, temperature, topP, maxTokens, seed, n);
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("'messages' must be a non-empty array of {role, content} objects");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            if (!m.path("role").isTextual() || m.get("role").asText().isBlank()) {
                throw new IllegalArgumentException("messages[" + i + "].role must be a non-empty string");
            }
            out.add(new ChatMessage(m.get("role").asText(), content(m.get("content"), i)));
        }
        return out;
    }

    /** A string, or an array of {@code {type: text, text}} parts joined together. */
    private static String content(JsonNode node, int index) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(part -> sb.append(part.path("text").asText("")));
            return sb.toString();
        }
        throw new IllegalArgumentException("messages[" + index + "].content must be a string or an array of text parts");
    }

    private static double number(JsonNode root, String field, double fallback) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + field + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static long integer(JsonNode root, String field, long fallback) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be an integer, got " + v);
        }
        return v.asLong();
    }

    /** A {@code chat.completion} object with one choice per answer. */
    public static byte[] completion(String id, String model, ChatRequest request, List<Simulator.Answer> answers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model == null ? Simulator.MODEL : model);
        root.put("system_fingerprint", "reference-simulator-1");
        ArrayNode choices = root.putArray("choices");
        int completionTokens = 0;
        for (int i = 0; i < answers.size(); i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            choice.putObject("message").put("role", "assistant").put("content", answers.get(i).text());
            choice.putNull("logprobs");
            choice.put("finish_reason", answers.get(i).finishReason());
            completionTokens += answers.get(i).completionTokens();
        }
        int promptTokens = request.messages().stream().mapToInt(m -> Words.splitCount(m.content())).sum();
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return bytes(root);
    }

    /** An OpenAI-style error object. */
    public static byte[] error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", code);
        return bytes(root);
    }

    /** The {@code GET /v1/models} list: the default model and one {@code reference:<persona>} per persona. */
    public static byte[] models() {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        data.addObject().put("id", Simulator.MODEL).put("object", "model").put("created", 0)
                .put("owned_by", "fracture-reference-simulator");
        for (Persona p : Persona.values()) {
            data.addObject().put("id", Simulator.MODEL_PREFIX + p.key()).put("object", "model").put("created", 0)
                    .put("owned_by", "fracture-reference-simulator");
        }
        return bytes(root);
    }

    /** A body cut off mid-string: the start of a valid completion, then nothing. */
    public static byte[] malformed() {
        return "{\"id\":\"chatcmpl-sim\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                .concat("\"assistant\",\"content\":\"Sure, here").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }
}
