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
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Anthropic Messages format: {@code POST {baseUrl}/messages} with {@code x-api-key} and
 * {@code anthropic-version}; system messages go to the top-level {@code system} field; one sample per request
 * (there is no {@code n} and no seed); text blocks of {@code content} are the answer, thinking blocks never
 * are. {@code stop_reason} is normalised: {@code end_turn} and {@code stop_sequence} to {@code stop},
 * {@code max_tokens} to {@code length}, {@code refusal} to {@code content_filter}.
 *
 * <p>429 ({@code rate_limit_error}), 529 ({@code overloaded_error}) and 5xx are retried after
 * {@code retry-after}, else after the {@code anthropic-ratelimit-*-reset} time of the exhausted limit; a 429
 * for a spend limit ({@code enforced_spend_limit_reached}) is final, since waiting does not lift it.
 */
public final class AnthropicWire implements ProviderWire {
    /** The API version sent when none is configured. */
    public static final String DEFAULT_VERSION = "2023-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RESET_HEADERS = List.of("anthropic-ratelimit-requests-reset",
            "anthropic-ratelimit-tokens-reset", "anthropic-ratelimit-input-tokens-reset",
            "anthropic-ratelimit-output-tokens-reset");

    private final String version;

    public AnthropicWire() {
        this(DEFAULT_VERSION);
    }

    public AnthropicWire(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public String path() {
        return "messages";
    }

    @Override
    public boolean batchesSamples() {
        return false;
    }

    @Override
    public Map<String, String> headers(String apiKey) {
        return apiKey == null ? Map.of("Accept", "application/json", "anthropic-version", version)
                : Map.of("Accept", "application/json", "anthropic-version", version, "x-api-key", apiKey);
    }

    @Override
    public String requestBody(ChatRequest request, String model, int n, long seed, int topLogprobs,
                              OpenAiClientOptions options) {
        if (n != 1) {
            throw new IllegalArgumentException("Anthropic Messages answers one sample per request, asked for n = " + n);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", request.maxTokens());
        StringBuilder system = new StringBuilder();
        ArrayNode messages = JSON.createArrayNode();
        for (ChatMessage m : request.messages()) {
            if ("system".equals(m.role())) {
                system.append(system.length() == 0 ? "" : "\n\n").append(m.content());
            } else {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        }
        if (system.length() > 0) {
            body.put("system", system.toString());
        }
        body.set("messages", messages);
        body.put("temperature", request.temperature());
        if (request.topP() < 1.0) {
            // Anthropic advises changing temperature or top_p, not both; 1.0 is its default, so it is not sent.
            body.put("top_p", request.topP());
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a messages request", e);
        }
    }

    @Override
    public List<WireChoice> parse(String body) throws BadBodyException {
        JsonNode root = OpenAiWire.readObject(body);
        if ("error".equals(root.path("type").asText())) {
            throw new BadBodyException("response is an error object: " + root.path("error").path("type").asText("?")
                    + ": " + root.path("error").path("message").asText(""), true);
        }
        JsonNode content = root.get("content");
        if (content == null || !content.isArray()) {
            throw new BadBodyException("response has no 'content' array", true);
        }
        String finish = switch (root.path("stop_reason").asText("")) {
            case "end_turn", "stop_sequence" -> "stop";
            case "max_tokens" -> "length";
            case "refusal" -> Completion.CONTENT_FILTER;
            default -> root.path("stop_reason").asText("");
        };
        List<WireChoice> out = new ArrayList<>(1);
        out.add(OpenAiWire.joinParts(content, finish, false, Map.of()));
        return out;
    }

    @Override
    public boolean throttling(int status) {
        return status == 429 || status == 529 || status == 503;
    }

    @Override
    public boolean retryable(int status, String body) {
        if (status == 429 && body != null && body.contains("enforced_spend_limit_reached")) {
            return false;
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    @Override
    public Optional<Duration> retryAfter(UnaryOperator<String> header, Clock clock) {
        Optional<Duration> wish = ProviderWire.super.retryAfter(header, clock);
        if (wish.isPresent()) {
            return wish;
        }
        // Without retry-after, the reset time of an exhausted limit says when a retry can succeed.
        Optional<Duration> latest = Optional.empty();
        for (String name : RESET_HEADERS) {
            String value = header.apply(name);
            String remaining = header.apply(name.replace("-reset", "-remaining"));
            if (value == null || !"0".equals(remaining == null ? null : remaining.trim())) {
                continue;
            }
            try {
                Duration until = Duration.between(clock.instant(), OffsetDateTime.parse(value.trim()).toInstant());
                Duration d = until.isNegative() ? Duration.ZERO : until;
                latest = latest.isEmpty() || d.compareTo(latest.get()) > 0 ? Optional.of(d) : latest;
            } catch (DateTimeParseException ignored) {
                // not RFC 3339: fall back to backoff
            }
        }
        return latest;
    }

    @Override
    public String keyHint(String apiKeyEnv) {
        return apiKeyEnv == null
                ? "no API key was sent: Anthropic wants one in x-api-key; export ANTHROPIC_API_KEY and set "
                        + "fracture.model.api-key-env=ANTHROPIC_API_KEY"
                : "check the API key in environment variable " + apiKeyEnv + " (sent as x-api-key)";
    }
}
