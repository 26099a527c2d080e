package dev.fracture.core.model;

import dev.fracture.core.model.internal.AdaptiveLimiter;
import dev.fracture.core.model.internal.OpenAiWire;
import dev.fracture.core.model.internal.RetryTiming;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link ChatClient} for OpenAI-compatible {@code POST {baseUrl}/chat/completions} endpoints (vLLM,
 * TGI, llama.cpp server, Ollama's {@code /v1}, LM Studio, OpenAI).
 *
 * <p>Calls are asynchronous (OkHttp {@code enqueue}); the caller's thread never blocks. At most
 * {@link #concurrencyLimit()} calls are in flight: the limit starts at
 * {@link OpenAiClientOptions#maxConcurrency()}, halves when the server answers 429 or 503 and grows back
 * by one per window of successes. 408, 429, 5xx, I/O failures (including timeouts) and JSON bodies that do
 * not parse (cut off mid-transfer) are retried with exponential backoff and full jitter, or after the
 * server's {@code retry-after-ms}/{@code Retry-After}; the waits run on a scheduler, not on HTTP threads.
 * Futures complete on HTTP threads, so callers with heavy follow-up work should chain it with the
 * {@code *Async} variants.
 *
 * <p>The API key is read once, from the environment variable the options name, and is sent only in the
 * {@code Authorization} header: it never appears in messages, logs, {@link #toString()} or
 * {@link #endpointId()}.
 */
public final class OpenAiChatClient implements ChatClient {
    private static final System.Logger LOG = System.getLogger(OpenAiChatClient.class.getName());
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OpenAiClientOptions options;
    private final String apiKey;
    private final OkHttpClient http;
    private final HttpUrl url;
    private final AdaptiveLimiter limiter;
    private final RetryTiming timing;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean batchingUnsupported = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Exchange> pending = ConcurrentHashMap.newKeySet();
    private final LongAdder httpAttempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    // Calls that failed in a row, each after its retries (a success resets it), and the last failure's message.
    private final AtomicInteger failedInARow = new AtomicInteger();
    private volatile String lastFailure;

    private OpenAiChatClient(OpenAiClientOptions options) {
        this.options = options;
        this.apiKey = options.resolveApiKey();
        if (options.apiKeyEnv() != null && apiKey == null) {
            throw new IllegalArgumentException("API key environment variable " + options.apiKeyEnv()
                    + " is not set (needed for " + options.displayUrl() + "); export it, or configure no key variable"
                    + " for servers that need none");
        }
        int max = options.maxConcurrency();
        Dispatcher dispatcher = new Dispatcher();
        // OkHttp's default of 5 requests per host would silently cap what the limiter allows.
        dispatcher.setMaxRequests(Math.max(64, max));
        dispatcher.setMaxRequestsPerHost(Math.max(64, max));
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(max, 5, TimeUnit.MINUTES))
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .retryOnConnectionFailure(false)
                .build();
        this.url = options.chatCompletionsUrl(); // built once: HttpUrl parsing showed in profiles at 3000 calls/s
        this.limiter = new AdaptiveLimiter(max);
        this.timing = new RetryTiming(options.backoffBase(), options.backoffMax(), options.maxRetryAfter());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fracture-model-retry");
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates a client; fails fast when the configured API key variable is unset. */
    public static OpenAiChatClient create(OpenAiClientOptions options) {
        return new OpenAiChatClient(options);
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        return samples(request, 0).thenApply(cs -> cs.stream().map(Completion::text).toList());
    }

    @Override
    public CompletableFuture<List<Completion>> completeWithLogprobs(ChatRequest request, int topLogprobs) {
        if (topLogprobs < 1) {
            throw new IllegalArgumentException("topLogprobs = " + topLogprobs + " is outside the allowed range [1, +inf)");
        }
        return samples(request, topLogprobs);
    }

    @Override
    public String endpointId() {
        return options.endpointId();
    }

    /**
     * Checks the endpoint before a pool is spent: {@code GET {baseUrl}/models} (reachable, key accepted, model
     * served), or where a server has no such route, one chat completion of one token. Blocks for at most the
     * read timeout; no retries, so an unreachable endpoint fails in seconds.
     *
     * @return what the server says of the model, e.g. the weights it was loaded from
     * @throws ModelCallException naming the endpoint, the status and the fix
     */
    public ServerModel preflight() {
        HttpUrl models = options.baseUrl().newBuilder().addPathSegments("models").build();
        Request.Builder request = new Request.Builder().url(models).header("Accept", "application/json").get();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        String where = "GET " + options.displayUrl() + "/models";
        try (Response response = http.newCall(request.build()).execute(); ResponseBody rb = response.body()) {
            String body = OpenAiWire.readCapped(rb, OpenAiWire.PREFLIGHT_BODY_LIMIT);
            int code = response.code();
            if (code == 404 || code == 405) {
                return preflightByCompletion();
            }
            if (code == 401 || code == 403) {
                throw preflightFailure(where, "HTTP " + code + ": the key was refused; body: "
                        + OpenAiWire.excerpt(body, apiKey), code);
            }
            if (code < 200 || code >= 300) {
                throw preflightFailure(where, "HTTP " + code + "; body: " + OpenAiWire.excerpt(body, apiKey), code);
            }
            ServerModel model = OpenAiWire.findModel(body, options.model()).orElseThrow(() -> preflightFailure(where,
                    "the server does not serve a model named '" + options.model() + "'; it serves "
                            + OpenAiWire.modelIds(body) + " (set fracture.model.name to one of them)", code));
            return model;
        } catch (IOException e) {
            throw preflightFailure(where, describe(e) + "; is the server running, and is the base URL right?", -1);
        }
    }

    private ServerModel preflightByCompletion() {
        try {
            complete(new ChatRequest(options.model(), List.of(ChatMessage.user("Say OK.")), 0.0, 1.0, 1, 0L, 1))
                    .get(options.readTimeout().toMillis() + options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new ServerModel(options.model(), Optional.empty());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof ModelCallException m ? m
                    : preflightFailure("POST " + options.displayUrl() + "/chat/completions", String.valueOf(cause), -1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw preflightFailure("POST " + options.displayUrl() + "/chat/completions", "no answer within "
                    + options.readTimeout().toSeconds() + " s", -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw preflightFailure("POST " + options.displayUrl() + "/chat/completions", "interrupted", -1);
        }
    }

    private ModelCallException preflightFailure(String where, String what, int status) {
        String message = "preflight " + where + " (model " + options.model() + ") failed: " + what;
        return new ModelCallException(apiKey == null ? message : message.replace(apiKey, "***"), status, null);
    }

    /**
     * What a server says of a model in its {@code /models} list.
     *
     * @param id the model's id
     * @param weights what identifies the loaded weights, where the server says (vLLM's {@code root}, the path or
     *                repository the weights came from, when it differs from the id)
     */
    public record ServerModel(String id, Optional<String> weights) {
    }

    /** The current adaptive bound on calls in flight. */
    public int concurrencyLimit() {
        return limiter.limit();
    }

    /** Calls in flight now. */
    public int inFlight() {
        return limiter.inFlight();
    }

    /** HTTP attempts made so far, retries included. */
    public long httpAttempts() {
        return httpAttempts.sum();
    }

    /** Retries scheduled so far. */
    public long retries() {
        return retries.sum();
    }

    /** Whether this endpoint was found to return fewer choices than {@code n} (AUTO then sends singles). */
    public boolean batchingUnsupported() {
        return batchingUnsupported.get();
    }

    public OpenAiClientOptions options() {
        return options;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        ModelCallException closedError = failure("the client was closed before the call completed", -1, null, null);
        limiter.clearWaiting();
        for (Exchange e : pending) {
            e.result.completeExceptionally(closedError);
        }
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OpenAiChatClient{" + options + "}";
    }

    private CompletableFuture<List<Completion>> samples(ChatRequest request, int topLogprobs) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(failure("the client is closed", -1, null, null));
        }
        String model = request.model() == null || request.model().isBlank() ? options.model() : request.model();
        int n = request.n();
        NBatching mode = options.nBatching();
        if (n == 1) {
            return exchange(request, model, 1, request.seed(), topLogprobs);
        }
        if (mode == NBatching.NEVER || (mode == NBatching.AUTO && batchingUnsupported.get())) {
            return singles(request, model, topLogprobs);
        }
        return exchange(request, model, n, request.seed(), topLogprobs).thenCompose(choices -> {
            if (choices.size() >= n) {
                return CompletableFuture.completedFuture(List.copyOf(choices.subList(0, n)));
            }
            if (mode == NBatching.ALWAYS) {
                throw failure("asked for n = " + n + " choices and got " + choices.size()
                        + "; the server does not honour n: use n batching AUTO or NEVER", 200, null, null);
            }
            if (batchingUnsupported.compareAndSet(false, true)) {
                LOG.log(Level.INFO, "{0} returned {1} choices for n = {2}; sending single requests with seeds seed + i from now on",
                        endpointId(), choices.size(), n);
            }
            return singles(request, model, topLogprobs);
        });
    }

    private CompletableFuture<List<Completion>> singles(ChatRequest request, String model, int topLogprobs) {
        List<CompletableFuture<List<Completion>>> parts = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            parts.add(exchange(request, model, 1, request.seed() + i, topLogprobs));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Completion> out = new ArrayList<>(parts.size());
            for (CompletableFuture<List<Completion>> part : parts) {
                out.add(part.join().get(0));
            }
            return out;
        });
    }

    private CompletableFuture<List<Completion>> exchange(ChatRequest request, String model, int n, long seed, int topLogprobs) {
        int limit = options.maxConsecutiveFailures();
        if (limit > 0 && failedInARow.get() >= limit) {
            // A dead or misconfigured endpoint: fail at once instead of a full retry cycle per remaining call.
            return CompletableFuture.failedFuture(failure("not sent: the last " + failedInARow.get()
                    + " calls failed in a row (maxConsecutiveFailures " + limit + "), so this client stopped calling"
                    + " the endpoint; last failure: " + lastFailure, -1, null, null));
        }
        String body = OpenAiWire.requestBody(request, model, n, seed, topLogprobs, options.maxTokensField());
        Request.Builder http = new Request.Builder()
                .url(url)
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON));
        if (apiKey != null) {
            http.header("Authorization", "Bearer " + apiKey);
        }
        Exchange exchange = new Exchange(http.build());
        pending.add(exchange);
        exchange.result.whenComplete((r, e) -> pending.remove(exchange));
        exchange.start();
        return exchange.result;
    }

    private ModelCallException failure(String what, int status, String body, Throwable cause) {
        StringBuilder m = new StringBuilder("POST ").append(options.displayUrl()).append("/chat/completions (model ")
                .append(options.model()).append(") failed: ");
        if (status > 0) {
            m.append("HTTP ").append(status).append(": ");
        }
        m.append(what);
        if (body != null) {
            m.append("; body: ").append(OpenAiWire.excerpt(body, apiKey));
        }
        if ((status == 401 || status == 403) && options.apiKeyEnv() != null) {
            m.append(" (check the API key in environment variable ").append(options.apiKeyEnv()).append(")");
        } else if (status == 401 || status == 403) {
            m.append(" (no API key was sent and the endpoint wants one: export OPENAI_API_KEY, or name the environment"
                    + " variable that holds the key with fracture.model.api-key-env)");
        }
        String message = apiKey == null ? m.toString() : m.toString().replace(apiKey, "***");
        return new ModelCallException(message, status, cause);
    }

    /** One logical call: its attempts, retries and result. */
    private final class Exchange {
        final Request request;
        final CompletableFuture<List<Completion>> result = new CompletableFuture<>();
        int retriesDone;

        Exchange(Request request) {
            this.request = request;
        }

        // Counted before the result completes, so a caller that sees the failure also sees it counted.
        private void succeed(List<Completion> choices) {
            failedInARow.set(0);
            result.complete(choices);
        }

        private void fail(ModelCallException e) {
            if (!closed.get()) {
                lastFailure = e.getMessage();
                failedInARow.incrementAndGet();
            }
            result.completeExceptionally(e);
        }

        void start() {
            limiter.submit(this::send);
        }

        void send(AdaptiveLimiter.Permit permit) {
            if (closed.get() || result.isDone()) {
                permit.releaseNeutral();
                fail(failure("the client was closed", -1, null, null));
                return;
            }
            httpAttempts.increment();
            http.newCall(request).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    permit.releaseNeutral();
                    retryOrFail(-1, describe(e), null, Optional.empty(), e);
                }

                @Override
                public void onResponse(Call call, Response response) {
                    handle(permit, response);
                }
            });
        }

        private void handle(AdaptiveLimiter.Permit permit, Response response) {
            int code = response.code();
            String body;
            try (response; ResponseBody rb = response.body()) {
                body = rb.string();
            } catch (IOException e) {
                permit.releaseNeutral();
                retryOrFail(-1, "reading the response failed: " + describe(e), null, Optional.empty(), e);
                return;
            }
            if (code >= 200 && code < 300) {
                accept(permit, code, body);
            } else if (code == 429 || code == 503) {
                permit.releaseThrottled();
                retryOrFail(code, "server is throttling", body, retryAfter(response), null);
            } else if (code == 408 || code >= 500) {
                permit.releaseNeutral();
                retryOrFail(code, "server error", body, retryAfter(response), null);
            } else {
                permit.releaseNeutral();
                fail(failure("request rejected", code, body, null));
            }
        }

        private void accept(AdaptiveLimiter.Permit permit, int code, String body) {
            try {
                List<Completion> choices = OpenAiWire.parseChoices(body);
                if (choices.isEmpty()) {
                    throw new OpenAiWire.BadBodyException("response has an empty 'choices' array");
                }
                permit.releaseSuccess();
                succeed(choices);
            } catch (OpenAiWire.BadBodyException e) {
                permit.releaseNeutral();
                if (e.brokenJson()) {
                    // JSON cut off or garbled: the server or connection failed mid-response, as with a 5xx.
                    retryOrFail(code, e.getMessage(), body, Optional.empty(), null);
                } else {
                    fail(failure(e.getMessage(), code, body, null));
                }
            }
        }

        private void retryOrFail(int status, String what, String body, Optional<Duration> retryAfter, Throwable cause) {
            if (closed.get()) {
                fail(failure("the client was closed during retries; last error: " + what, status, body, cause));
                return;
            }
            if (retriesDone >= options.maxRetries()) {
                int attempts = retriesDone + 1;
                fail(failure(what + " (gave up after " + attempts
                        + (attempts == 1 ? " attempt)" : " attempts)"), status, body, cause));
                return;
            }
            retriesDone++;
            retries.increment();
            Duration delay = timing.delay(retriesDone, retryAfter);
            LOG.log(Level.DEBUG, "{0}: {1} (status {2}); retry {3} of {4} in {5} ms", endpointId(), what, status,
                    retriesDone, options.maxRetries(), delay.toMillis());
            try {
                scheduler.schedule(this::start, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                fail(failure("the client was closed during retries; last error: " + what, status, body, cause));
            }
        }

        private Optional<Duration> retryAfter(Response response) {
            return RetryTiming.parseRetryAfter(response.header("retry-after-ms"), response.header("Retry-After"),
                    Clock.systemUTC());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof InterruptedIOException) {
            return "timed out (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        return "connection failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
}
