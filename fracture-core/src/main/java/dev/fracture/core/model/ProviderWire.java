package dev.fracture.core.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.model.internal.RetryTiming;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import org.apiguardian.api.API;

/**
 * A provider's wire format: where requests go, their headers and body, how a 2xx body reads, and which
 * statuses are throttling or worth a retry. Retries, the in-flight limit, the circuit breaker, timeouts, the
 * body size cap and key masking are {@link HttpChatClient}'s, shared by every provider.
 *
 * <p>Built in: {@link #openAi()} (any OpenAI-compatible chat-completions server) and {@link #anthropic()}
 * (Anthropic Messages). A provider named by class name in {@code fracture.model.provider} implements this
 * interface with a public no-argument constructor.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public interface ProviderWire {

    /** The OpenAI chat-completions format. */
    static ProviderWire openAi() {
        return new dev.fracture.core.model.internal.OpenAiWire();
    }

    /** The Anthropic Messages format with the default {@code anthropic-version}. */
    static ProviderWire anthropic() {
        return new dev.fracture.core.model.internal.AnthropicWire();
    }

    /** A short name for messages, manifests and cache labels, e.g. {@code openai}. */
    String name();

    /** The path under the base URL that requests are POSTed to, e.g. {@code chat/completions}. */
    String path();

    /** Whether one request can carry {@code n > 1} samples; without it a client sends n requests. */
    boolean batchesSamples();

    /** The headers of every request, authentication included ({@code apiKey} may be {@code null}). */
    Map<String, String> headers(String apiKey);

    /** The JSON body of a request for {@code n} samples whose first sample has {@code seed}. */
    String requestBody(ChatRequest request, String model, int n, long seed, int topLogprobs,
                       OpenAiClientOptions options);

    /** The answers of a 2xx body, in sample order. */
    List<WireChoice> parse(String body) throws BadBodyException;

    /** Whether a status says the server is overloaded or limiting us (the in-flight limit is halved). */
    default boolean throttling(int status) {
        return status == 429 || status == 503;
    }

    /** Whether a non-2xx answer is worth a retry; {@code body} is read so that a final "no" can be told apart. */
    default boolean retryable(int status, String body) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The server's wait wish from the response headers. */
    default Optional<Duration> retryAfter(UnaryOperator<String> header, Clock clock) {
        return RetryTiming.parseRetryAfter(header.apply("retry-after-ms"), header.apply("Retry-After"), clock);
    }

    /** What to check after a 401 or 403, naming the variable that holds the key. */
    default String keyHint(String apiKeyEnv) {
        return apiKeyEnv == null
                ? "no API key was sent and the endpoint wants one: name the environment variable that holds it with "
                        + "fracture.model.api-key-env"
                : "check the API key in environment variable " + apiKeyEnv;
    }

    /** The request URL under a base URL (keeps the base URL's query, e.g. {@code api-version}). */
    default HttpUrl url(HttpUrl baseUrl) {
        return baseUrl.newBuilder().addPathSegments(path()).build();
    }

    /** A 2xx body that is not a usable response. */
    final class BadBodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean transientFault;

        public BadBodyException(String message, boolean transientFault) {
            super(message);
            this.transientFault = transientFault;
        }

        /**
         * Whether the fault is worth a retry: JSON cut off mid-transfer, a 200 with no answers (a server that
         * failed mid-request), as with a 5xx; unlike an HTML page where JSON was expected.
         */
        public boolean transientFault() {
            return transientFault;
        }
    }
}
