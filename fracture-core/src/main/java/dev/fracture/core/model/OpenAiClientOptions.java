package dev.fracture.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import dev.fracture.core.model.internal.Secrets;
import okhttp3.HttpUrl;
import org.apiguardian.api.API;

/**
 * Settings of an {@link HttpChatClient} (whatever its provider; the name is historical); built with
 * {@link #builder(String, String)}.
 *
 * <p>The API key is never held here: only the name of the environment variable it is read from, so
 * that options can be logged, compared and shown in reports without leaking it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class OpenAiClientOptions {
    private final HttpUrl baseUrl;
    private final String model;
    private final String apiKeyEnv;
    private final UnaryOperator<String> envLookup;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxRetries;
    private final int maxConsecutiveFailures;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration maxRetryAfter;
    private final int maxConcurrency;
    private final NBatching nBatching;
    private final String maxTokensField;
    private final String endpointId;
    private final FilteredAs filteredAs;
    private final long maxBodyBytes;
    private final Duration probeEvery;
    private final Duration maxOutage;

    private OpenAiClientOptions(Builder b) {
        this.filteredAs = b.filteredAs;
        this.maxBodyBytes = b.maxBodyBytes;
        this.probeEvery = b.probeEvery;
        this.maxOutage = b.maxOutage;
        this.baseUrl = b.baseUrl;
        this.model = b.model;
        this.apiKeyEnv = b.apiKeyEnv;
        this.envLookup = b.envLookup;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxRetries = b.maxRetries;
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
        this.backoffBase = b.backoffBase;
        this.backoffMax = b.backoffMax;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxConcurrency = b.maxConcurrency;
        this.nBatching = b.nBatching;
        this.maxTokensField = b.maxTokensField;
        String id = b.endpointId != null ? b.endpointId : displayUrl() + " (model " + model + ")";
        this.endpointId = b.revision == null ? id : id + " @ revision " + b.revision;
    }

    /**
     * Starts options for an endpoint.
     *
     * @param baseUrl the API root that {@code /chat/completions} is appended to, e.g.
     *                {@code http://127.0.0.1:8080/v1}
     * @param model the default model name, used when a request names none
     */
    public static Builder builder(String baseUrl, String model) {
        return new Builder(baseUrl, model);
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** The {@code chat/completions} URL under the base URL. */
    public HttpUrl chatCompletionsUrl() {
        return baseUrl.newBuilder().addPathSegments("chat/completions").build();
    }

    public String model() {
        return model;
    }

    /** The name of the environment variable holding the API key, or {@code null} for no key. */
    public String apiKeyEnv() {
        return apiKeyEnv;
    }

    /** Reads the API key from the configured environment variable; {@code null} when unset or blank. */
    String resolveApiKey() {
        if (apiKeyEnv == null) {
            return null;
        }
        String key = envLookup.apply(apiKeyEnv);
        return key == null || key.isBlank() ? null : key.trim();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /**
     * After this many calls in a row have failed (each after its own retries), the client stops calling the
     * endpoint and fails further calls at once, naming the last failure; a success resets the count; 0 never
     * stops. Default 20.
     */
    public int maxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    public Duration backoffBase() {
        return backoffBase;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    public NBatching nBatching() {
        return nBatching;
    }

    public String maxTokensField() {
        return maxTokensField;
    }

    /**
     * The endpoint as shown in reports and cache keys: the given label, else the display URL and the
     * model. Never contains the API key.
     */
    public String endpointId() {
        return endpointId;
    }

    /** What an answer withheld by an output filter counts as; default {@link FilteredAs#ERROR}. */
    public FilteredAs filteredAs() {
        return filteredAs;
    }

    /** The largest response body read; a larger one errors its samples. Default 32 MiB. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** How often an open circuit breaker sends a probe; default 5 s. */
    public Duration probeEvery() {
        return probeEvery;
    }

    /** How long an open circuit breaker holds calls before failing them; default 120 s. */
    public Duration maxOutage() {
        return maxOutage;
    }

    /** The base URL without credentials or query, safe to show anywhere. */
    public String displayUrl() {
        return baseUrl.newBuilder().username("").password("").query(null).build().toString();
    }

    @Override
    public String toString() {
        return "OpenAiClientOptions{endpointId=" + endpointId + ", baseUrl=" + displayUrl() + ", model=" + model
                + ", apiKeyEnv=" + apiKeyEnv + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries
                + ", backoff=" + backoffBase + ".." + backoffMax + ", maxRetryAfter=" + maxRetryAfter
                + ", maxConcurrency=" + maxConcurrency + ", nBatching=" + nBatching
                + ", maxTokensField=" + maxTokensField + ", filteredAs=" + filteredAs + ", maxBodyBytes=" + maxBodyBytes
                + ", probeEvery=" + probeEvery + ", maxOutage=" + maxOutage + "}";
    }

    /** Builder with documented defaults. */
    public static final class Builder {
        private final HttpUrl baseUrl;
        private final String model;
        private String apiKeyEnv;
        private UnaryOperator<String> envLookup = System::getenv;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private int maxRetries = 5;
        private int maxConsecutiveFailures = 20;
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(120);
        private int maxConcurrency = 16;
        private NBatching nBatching = NBatching.AUTO;
        private String maxTokensField = "max_tokens";
        private String endpointId;
        private String revision;
        private FilteredAs filteredAs = FilteredAs.ERROR;
        private long maxBodyBytes = 32L << 20;
        private Duration probeEvery = Duration.ofSeconds(5);
        private Duration maxOutage = Duration.ofSeconds(120);

        private Builder(String baseUrl, String model) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            HttpUrl parsed = HttpUrl.parse(baseUrl.strip());
            if (parsed == null) {
                throw new IllegalArgumentException("model base URL '" + Secrets.maskUrls(baseUrl)
                        + "' is not an http(s) URL; use the API root, e.g. http://127.0.0.1:8080/v1");
            }
            if (parsed.encodedPath().endsWith("/chat/completions")) {
                throw new IllegalArgumentException("model base URL '" + Secrets.maskUrls(baseUrl)
                        + "' already ends in /chat/completions; give the API root (e.g. .../v1), the client appends the path");
            }
            this.baseUrl = parsed;
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model name must not be blank (the 'model' field sent to " + Secrets.maskUrls(baseUrl) + ")");
            }
            this.model = model;
        }

        /** What an answer withheld by an output filter counts as; default {@link FilteredAs#ERROR}. */
        public Builder filteredAs(FilteredAs mode) {
            this.filteredAs = Objects.requireNonNull(mode, "filteredAs");
            return this;
        }

        /** The largest response body read (bytes); a larger one errors its samples; default 32 MiB. */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes = " + bytes + " is outside the allowed range [1024, +inf)");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** How often an open circuit breaker probes the endpoint; default 5 s. */
        public Builder probeEvery(Duration d) {
            this.probeEvery = positive("probeEvery", d);
            return this;
        }

        /** How long an open circuit breaker holds calls before failing them; default 120 s. */
        public Builder maxOutage(Duration d) {
            this.maxOutage = positive("maxOutage", d);
            return this;
        }

        /** Names the environment variable holding the API key (e.g. {@code OPENAI_API_KEY}); none by default. */
        public Builder apiKeyEnv(String name) {
            this.apiKeyEnv = name == null || name.isBlank() ? null : name;
            return this;
        }

        /** Replaces {@link System#getenv(String)} for reading the API key (tests, secret stores). */
        public Builder envLookup(UnaryOperator<String> lookup) {
            this.envLookup = Objects.requireNonNull(lookup, "envLookup");
            return this;
        }

        /** TCP connect timeout; default 10 s. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive("connectTimeout", d);
            return this;
        }

        /** Longest silence while reading a response; default 120 s (long generations). */
        public Builder readTimeout(Duration d) {
            this.readTimeout = positive("readTimeout", d);
            return this;
        }

        /** Retries after the first attempt on 408, 429, 5xx and I/O failures; default 5. */
        /** See {@link OpenAiClientOptions#maxConsecutiveFailures()}; 0 never stops calling. */
        public Builder maxConsecutiveFailures(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxConsecutiveFailures = " + n
                        + " is outside the allowed range [0, +inf)");
            }
            this.maxConsecutiveFailures = n;
            return this;
        }

        public Builder maxRetries(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxRetries = " + n + " is outside the allowed range [0, +inf)");
            }
            this.maxRetries = n;
            return this;
        }

        /** First backoff ceiling (full jitter draws in [0, ceiling)); default 500 ms. */
        public Builder backoffBase(Duration d) {
            this.backoffBase = positive("backoffBase", d);
            return this;
        }

        /** Largest backoff ceiling; default 30 s. */
        public Builder backoffMax(Duration d) {
            this.backoffMax = positive("backoffMax", d);
            return this;
        }

        /** Longest {@code Retry-After} honoured; longer requests are cut to this; default 120 s. */
        public Builder maxRetryAfter(Duration d) {
            this.maxRetryAfter = positive("maxRetryAfter", d);
            return this;
        }

        /** Upper bound of calls in flight (the adaptive limit never exceeds it); default 16. */
        public Builder maxConcurrency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrency = " + n + " is outside the allowed range [1, +inf)");
            }
            this.maxConcurrency = n;
            return this;
        }

        /** How {@code n > 1} is requested; default {@link NBatching#AUTO}. */
        public Builder nBatching(NBatching mode) {
            this.nBatching = Objects.requireNonNull(mode, "nBatching");
            return this;
        }

        /**
         * JSON field for the token limit: {@code max_tokens} (default, what compatible servers read) or
         * {@code max_completion_tokens} (what newer OpenAI models require).
         */
        public Builder maxTokensField(String field) {
            if (!"max_tokens".equals(field) && !"max_completion_tokens".equals(field)) {
                throw new IllegalArgumentException("maxTokensField = '" + field
                        + "' is not supported; use max_tokens or max_completion_tokens");
            }
            this.maxTokensField = field;
            return this;
        }

        /**
         * A stable label for reports and cache keys instead of URL and model, e.g. when the same model is
         * served behind changing hosts or ports; it must name the model, since cached answers are keyed
         * on it.
         */
        public Builder endpointId(String id) {
            if (id != null && id.isBlank()) {
                throw new IllegalArgumentException("endpointId must not be blank; leave it unset to use URL and model");
            }
            this.endpointId = id;
            return this;
        }

        /**
         * What identifies the weights behind the model name (a checkpoint hash, a training step). It becomes
         * part of {@link #endpointId()} and so of every cache key: a new checkpoint served under the same URL
         * and model name is then never answered from the previous checkpoint's cached samples.
         */
        public Builder revision(String revision) {
            this.revision = revision == null || revision.isBlank() ? null : revision.trim();
            return this;
        }

        public OpenAiClientOptions build() {
            if (backoffMax.compareTo(backoffBase) < 0) {
                throw new IllegalArgumentException("backoffMax = " + backoffMax + " is below backoffBase = "
                        + backoffBase + "; raise backoffMax or lower backoffBase");
            }
            return new OpenAiClientOptions(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " = " + d + " must be positive");
            }
            return d;
        }
    }
}
