package dev.fracture.core.model.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.model.ProviderWire;
import dev.fracture.core.model.WireChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The OpenAI chat-completions wire format: request bodies out, choices in. */
public final class OpenAiWire implements ProviderWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT_CHARS = 200;

    public OpenAiWire() {
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String path() {
        return "chat/completions";
    }

    @Override
    public boolean batchesSamples() {
        return true;
    }

    @Override
    public Map<String, String> headers(String apiKey) {
        return apiKey == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "Authorization", "Bearer " + apiKey);
    }

    @Override
    public String requestBody(ChatRequest request, String model, int n, long seed, int topLogprobs,
                              OpenAiClientOptions options) {
        return requestBody(request, model, n, seed, topLogprobs, options.maxTokensField());
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

    @Override
    public String keyHint(String apiKeyEnv) {
        return apiKeyEnv == null
                ? "no API key was sent and the endpoint wants one: export OPENAI_API_KEY, or name the environment "
                        + "variable that holds the key with fracture.model.api-key-env"
                : "check the API key in environment variable " + apiKeyEnv;
    }

    @Override
    public List<WireChoice> parse(String body) throws BadBodyException {
        return parseChoices(body);
    }

    /** Parses the choices of a 2xx body, in choice-index order; no or empty {@code choices} is a transient fault. */
    public static List<WireChoice> parseChoices(String body) throws BadBodyException {
        JsonNode root = readObject(body);
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            // vLLM and proxies answer 200 with an error object or no choices when a worker fails mid-request.
            throw new BadBodyException("response has " + (choices == null || !choices.isArray() ? "no 'choices' array"
                    : "an empty 'choices' array"), true);
        }
        List<JsonNode> ordered = new ArrayList<>();
        choices.forEach(ordered::add);
        ordered.sort((a, b) -> Integer.compare(a.path("index").asInt(0), b.path("index").asInt(0)));
        List<WireChoice> out = new ArrayList<>(ordered.size());
        for (JsonNode choice : ordered) {
            out.add(parseChoice(choice));
        }
        return out;
    }

    /** Reads a body that must be a JSON object; JSON cut off is transient, anything else is not. */
    static JsonNode readObject(String body) throws BadBodyException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String start = body.stripLeading();
            if (start.startsWith("{") || start.startsWith("[")) {
                throw new BadBodyException("response JSON is malformed or cut off (truncated body)", true);
            }
            throw new BadBodyException("response is not JSON", false);
        }
        if (root == null || !root.isObject()) {
            throw new BadBodyException("response is not a JSON object", false);
        }
        return root;
    }

    private static WireChoice parseChoice(JsonNode choice) throws BadBodyException {
        JsonNode message = choice.get("message");
        if (message == null || !message.isObject()) {
            throw new BadBodyException("a choice has no 'message' object", false);
        }
        String finish = normaliseFinish(choice.path("finish_reason").asText(""));
        boolean reasoning = hasText(message.get("reasoning_content")) || hasText(message.get("reasoning"));
        JsonNode content = message.get("content");
        JsonNode refusal = message.get("refusal");
        if ((content == null || content.isNull()) && refusal != null && refusal.isTextual()) {
            // The model's own refusal (OpenAI sends it apart from content): an answer, and a safe one.
            return new WireChoice(refusal.asText(), false, finish, reasoning, firstTokenLogprobs(choice));
        }
        if (content == null || content.isNull()) {
            return new WireChoice(null, false, finish, reasoning, firstTokenLogprobs(choice));
        }
        if (content.isTextual()) {
            return new WireChoice(content.asText(), false, finish, reasoning, firstTokenLogprobs(choice));
        }
        if (content.isArray()) {
            return joinParts(content, finish, reasoning, firstTokenLogprobs(choice));
        }
        return new WireChoice(null, true, finish, reasoning, firstTokenLogprobs(choice));
    }

    /** Content as parts: the text parts joined; parts of other types (images, audio) are not an answer. */
    static WireChoice joinParts(JsonNode parts, String finish, boolean reasoning, Map<String, Double> logprobs) {
        StringBuilder text = new StringBuilder();
        boolean anyText = false;
        boolean other = false;
        for (JsonNode part : parts) {
            String type = part.path("type").asText("");
            JsonNode t = part.get("text");
            if (part.isTextual()) {
                text.append(part.asText());
                anyText = true;
            } else if (("text".equals(type) || "output_text".equals(type) || type.isEmpty()) && t != null
                    && t.isTextual()) {
                text.append(t.asText());
                anyText = true;
            } else if ("thinking".equals(type) || "reasoning".equals(type) || "redacted_thinking".equals(type)) {
                reasoning = true;
            } else {
                other = true;
            }
        }
        return anyText ? new WireChoice(text.toString(), false, finish, reasoning, logprobs)
                : new WireChoice(null, other, finish, reasoning, logprobs);
    }

    private static boolean hasText(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    private static String normaliseFinish(String finish) {
        return switch (finish) {
            case "max_tokens" -> "length";
            case "refusal" -> Completion.CONTENT_FILTER;
            default -> finish;
        };
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

    /** A body larger than the configured cap. */
    public static final class BodyTooLargeException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Reads a whole body as UTF-8 if it is at most {@code cap} bytes; a larger one is refused as soon as its
     * declared length or the bytes read pass the cap, so a huge body never reaches the heap.
     */
    public static String readWithin(okhttp3.ResponseBody body, long cap) throws java.io.IOException {
        if (body == null) {
            return "";
        }
        long declared = body.contentLength();
        if (declared > cap) {
            throw new BodyTooLargeException("response body of " + declared + " bytes is over the cap of " + cap
                    + " bytes (fracture.model.max-body-bytes)");
        }
        okio.BufferedSource source = body.source();
        if (source.request(cap + 1)) {
            throw new BodyTooLargeException("response body is over the cap of " + cap
                    + " bytes (fracture.model.max-body-bytes)");
        }
        return source.getBuffer().readUtf8();
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
