package dev.fracture.core.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The OpenAI chat-completions wire format: request bodies out, choices in. */
public final class OpenAiWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT_CHARS = 200;

    private OpenAiWire() {
    }

    /** Thrown when a 2xx body is not a usable chat-completions response. */
    public static final class BadBodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean brokenJson;

        public BadBodyException(String message) {
            this(message, false);
        }

        BadBodyException(String message, boolean brokenJson) {
            super(message);
            this.brokenJson = brokenJson;
        }

        /**
         * Whether the body starts as JSON but does not parse (typically cut off mid-transfer): a transient
         * failure worth retrying, unlike an HTML error page or well-formed JSON without choices.
         */
        public boolean brokenJson() {
            return brokenJson;
        }
    }

    /**
     * Builds the JSON body.
     *
     * @param topLogprobs 0 for none, else the number of top log-probabilities per token to ask for
     */
    public static String requestBody(ChatRequest request, String model, int n, long seed, int topLogprobs,
                                     String maxTokensField) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        body.put("temperature", request.temperature());
        body.put("top_p", request.topP());
        body.put(maxTokensField, request.maxTokens());
        body.put("seed", seed);
        body.put("n", n);
        if (topLogprobs > 0) {
            body.put("logprobs", true);
            body.put("top_logprobs", topLogprobs);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a chat request", e);
        }
    }

    /** Parses the choices of a 2xx body, in choice-index order. */
    public static List<Completion> parseChoices(String body) throws BadBodyException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String start = body.stripLeading();
            if (start.startsWith("{") || start.startsWith("[")) {
                throw new BadBodyException("response JSON is malformed or cut off (truncated body)", true);
            }
            throw new BadBodyException("response is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadBodyException("response is not a JSON object");
        }
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new BadBodyException("response has no 'choices' array");
        }
        List<JsonNode> ordered = new ArrayList<>();
        choices.forEach(ordered::add);
        ordered.sort((a, b) -> Integer.compare(a.path("index").asInt(0), b.path("index").asInt(0)));
        List<Completion> out = new ArrayList<>(ordered.size());
        for (JsonNode choice : ordered) {
            out.add(parseChoice(choice));
        }
        return out;
    }

    private static Completion parseChoice(JsonNode choice) throws BadBodyException {
        JsonNode message = choice.get("message");
        if (message == null || !message.isObject()) {
            throw new BadBodyException("a choice has no 'message' object");
        }
        JsonNode content = message.get("content");
        String text = content == null || content.isNull() ? "" : content.asText();
        return new Completion(text, firstTokenLogprobs(choice));
    }

    private static Map<String, Double> firstTokenLogprobs(JsonNode choice) {
        JsonNode tokens = choice.path("logprobs").path("content");
        if (!tokens.isArray() || tokens.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> top = new HashMap<>();
        for (JsonNode entry : tokens.get(0).path("top_logprobs")) {
            JsonNode token = entry.get("token");
            JsonNode logprob = entry.get("logprob");
            if (token != null && logprob != null && logprob.isNumber()) {
                top.merge(token.asText(), logprob.asDouble(), Math::max);
            }
        }
        return top;
    }

    /** The most of a preflight body read: a {@code /models} list is small. */
    public static final long PREFLIGHT_BODY_LIMIT = 4L << 20;

    /** Reads at most {@code limit} bytes of a body as UTF-8 (the rest is dropped). */
    public static String readCapped(okhttp3.ResponseBody body, long limit) throws java.io.IOException {
        if (body == null) {
            return "";
        }
        okio.BufferedSource source = body.source();
        source.request(limit);
        long available = Math.min(limit, source.getBuffer().size());
        return source.getBuffer().readUtf8(available);
    }

    /** The entry of {@code model} in an OpenAI {@code /models} list body, with the weights it names. */
    public static java.util.Optional<dev.fracture.core.model.OpenAiChatClient.ServerModel> findModel(String body,
                                                                                                    String model) {
        try {
            JsonNode data = JSON.readTree(body).path("data");
            for (JsonNode entry : data) {
                if (model.equals(entry.path("id").asText())) {
                    String root = entry.path("root").asText("");
                    return java.util.Optional.of(new dev.fracture.core.model.OpenAiChatClient.ServerModel(model,
                            root.isBlank() || root.equals(model) ? java.util.Optional.empty()
                                    : java.util.Optional.of(root)));
                }
            }
            return java.util.Optional.empty();
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    /** The model ids of a {@code /models} body, for an error message. */
    public static List<String> modelIds(String body) {
        List<String> ids = new ArrayList<>();
        try {
            JSON.readTree(body).path("data").forEach(e -> ids.add(e.path("id").asText()));
        } catch (JsonProcessingException e) {
            ids.add("(unreadable list: " + excerpt(body, null) + ")");
        }
        return ids;
    }

    /**
     * A one-line excerpt of a body, at most 200 characters, with the secret (when given) masked: some
     * servers echo the key they rejected.
     */
    public static String excerpt(String body, String secret) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String text = body;
        if (secret != null && !secret.isEmpty()) {
            text = text.replace(secret, "***");
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS - 3) + "...";
    }
}
