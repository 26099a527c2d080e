package dev.fracture.core.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.internal.DaemonThreads;
import dev.fracture.core.model.internal.AdaptiveLimiter;
import dev.fracture.core.model.internal.AnswerCheck;
import dev.fracture.core.model.internal.CircuitBreaker;
import dev.fracture.core.model.internal.OpenAiWire;
import dev.fracture.core.model.internal.RetryTiming;
import dev.fracture.core.model.internal.Secrets;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apiguardian.api.API;

/**
 * A {@link ChatClient} over HTTP with one resilience layer for every provider; the provider's
 * {@link ProviderWire} only says where requests go and how bodies read.
 *
 * <p>Calls are asynchronous (OkHttp {@code enqueue}); the caller's thread never blocks. At most
 * {@link #concurrencyLimit()} calls are in flight: the limit starts at
 * {@link OpenAiClientOptions#maxConcurrency()}, halves when the server throttles (429, 503; Anthropic's 529) and
 * grows back by one per window of successes. 408, 429, 5xx, I/O failures (including timeouts), JSON bodies cut
 * off mid-transfer and 2xx bodies without answers are retried with exponential backoff and full jitter, or after
 * the server's wait wish; the waits run on a scheduler, not on HTTP threads. A circuit breaker holds calls while
 * the endpoint is down and probes it (see {@link OpenAiClientOptions#maxConsecutiveFailures()}). A body over
 * {@link OpenAiClientOptions#maxBodyBytes()} errors its samples without being read into memory. Answers that are
 * not answers (filtered, empty, no text before the token limit) fail the call with
 * {@link UnreadableAnswerException}. Every thread the client starts is a daemon.
 *
 * <p>The API key is read once, from the environment variable the options name, and is sent only in the
 * provider's authentication header: it is masked in answers, messages and logs, and never appears in
 * {@link #toString()} or {@link #endpointId()}.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public class HttpChatClient implements ChatClient {
    private static final System.Logger LOG = System.getLogger(HttpChatClient.class.getName());
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OpenAiClientOptions options;
    private final ProviderWire wire;
    private final String apiKey;
    private final OkHttpClient http;
    private final HttpUrl url;
    private final AdaptiveLimiter limiter;
    private final RetryTiming timing;
    private final ScheduledExecutorService scheduler;
    private final CircuitBreaker breaker;
    private final AtomicBoolean batchingUnsupported = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Exchange> pending = ConcurrentHashMap.newKeySet();
    private final LongAdder httpAttempts = new LongAdder();
    private final LongAdder retries = new LongAdder();

    protected HttpChatClient(OpenAiClientOptions options, ProviderWire wire) {
        this.options = options;
        this.wire = wire;
        this.apiKey = options.resolveApiKey();
        if (options.apiKeyEnv() != null && apiKey == null) {
            throw new IllegalArgumentException("API key environment variable " + options.apiKeyEnv()
                    + " is not set (needed for " + options.displayUrl() + "); export it, or configure no key variable"
                    + " for servers that need none");
        }
        int max = options.maxConcurrency();
        // OkHttp's own dispatcher threads are not daemons: a run that forgets to close the client, or dies of an
        // OutOfMemoryError, would keep the JVM alive. These are.
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new DaemonThreads("fracture-http"));
        Dispatcher dispatcher = new Dispatcher(executor);
        // OkHttp's default of 5 requests per host would silently cap what the limiter allows.
        dispatcher.setMaxRequests(Math.max(64, max));
        dispatcher.setMaxRequestsPerHost(Math.max(64, max));
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(max, 5, TimeUnit.MINUTES))
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .retryOnConnectionFailure(false);
        if (!options.baseUrl().isHttps()) {
            // A plain-HTTP endpoint (a local vLLM, a loopback stub) needs no TLS. With no TLS connection spec OkHttp
            // never loads the platform's trust store, about 0.2 s of a fresh JVM's start-up (bench/README.md); every
            // request goes to this endpoint's host, and a redirect to HTTPS comes back as the 3xx it is.
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).followSslRedirects(false);
        }
        this.http = builder.build();
        this.url = wire.url(options.baseUrl()); // built once: HttpUrl parsing showed in profiles at 3000 calls/s
        this.limiter = new AdaptiveLimiter(max);
        this.timing = new RetryTiming(options.backoffBase(), options.backoffMax(), options.maxRetryAfter());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("fracture-model-retry"));
        this.breaker = new CircuitBreaker(options.maxConsecutiveFailures(), options.probeEvery().toNanos(),
                options.maxOutage().toNanos(), System::nanoTime, scheduler);
    }

    /** Creates a client for a provider; fails fast when the configured API key variable is unset. */
    public static HttpChatClient create(OpenAiClientOptions options, ProviderWire wire) {
        return new HttpChatClient(options, wire);
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        return completions(request).thenApply(cs -> cs.stream().map(Completion::text).toList());
    }

    @Override
    public CompletableFuture<List<Completion>> completions(ChatRequest request) {
        return samples(request, 0);
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
     * Checks the endpoint before a pool is spent with one completion of one token: reachable, key accepted, model
     * served. An unreadable answer counts as reachable (one token may well be no text). Blocks for at most the
     * timeouts; the call is retried like any other.
     *
     * @throws ModelCallException naming the endpoint, the status and the body
     */
    public void ping() {
        try {
            completions(new ChatRequest(options.model(), List.of(ChatMessage.user("Say OK.")), 0.0, 1.0, 1, 0L, 1))
                    .get((options.readTimeout().toMillis() + options.connectTimeout().toMillis())
                            * (options.maxRetries() + 1L), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnreadableAnswerException) {
                return;
            }
            throw e.getCause() instanceof ModelCallException m ? m
                    : failure(String.valueOf(e.getCause()), -1, null, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw failure("no answer within the timeouts", -1, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted", -1, null, e);
        }
    }

    /** The provider's wire format. */
    public ProviderWire wire() {
        return wire;
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

    /** How often the circuit breaker opened. */
    public long breakerOpenings() {
        return breaker.timesOpened();
    }

    /** Whether this endpoint was found to ignore {@code n} (AUTO then sends singles). */
    public boolean batchingUnsupported() {
        return batchingUnsupported.get();
    }

    public OpenAiClientOptions options() {
        return options;
    }

    /** The API key in use, for subclasses' own requests; never log it. */
    protected final String apiKey() {
        return apiKey;
    }

    /** The HTTP client, for subclasses' own requests (e.g. a preflight). */
    protected final OkHttpClient http() {
        return http;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        ModelCallException closedError = failure("the client was closed before the call completed", -1, null, null);
        limiter.clearWaiting();
        breaker.rejectAll(closedError.getMessage());
        for (Exchange e : pending) {
            e.result.completeExceptionally(closedError);
        }
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + wire.name() + ", " + options + "}";
    }

    private CompletableFuture<List<Completion>> samples(ChatRequest request, int topLogprobs) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(failure("the client is closed", -1, null, null));
        }
        String model = request.model() == null || request.model().isBlank() ? options.model() : request.model();
        return choices(request, model, topLogprobs).thenApply(choices ->
                AnswerCheck.accept(choices, options.filteredAs(), apiKey, where()));
    }

    /** The raw answers of all n samples, in order. */
    private CompletableFuture<List<WireChoice>> choices(ChatRequest request, String model, int topLogprobs) {
        int n = request.n();
        NBatching mode = options.nBatching();
        if (n == 1) {
            return exchange(request, model, 1, request.seed(), topLogprobs);
        }
        if (!wire.batchesSamples() || mode == NBatching.NEVER || (mode == NBatching.AUTO && batchingUnsupported.get())) {
            return singles(request, model, 0, n, topLogprobs);
        }
        return batched(request, model, 0, n, topLogprobs);
    }

    /**
     * Samples {@code from} to {@code to} in one request with seed {@code seed + from}. A short answer is completed by
     * asking only for the missing samples: the run does not switch to single requests, except when a server answers
     * one choice to {@code n > 1}, which says that it ignores {@code n}.
     */
    private CompletableFuture<List<WireChoice>> batched(ChatRequest request, String model, int from, int to,
                                                        int topLogprobs) {
        int n = to - from;
        CompletableFuture<List<WireChoice>> sent = exchange(request, model, n, request.seed() + from, topLogprobs);
        if (n > 1) {
            sent = sent.exceptionallyCompose(e -> CompletableFuture.failedFuture(rejectedN(e, n)));
        }
        return sent.thenCompose(choices -> {
            if (choices.size() >= n) {
                return CompletableFuture.completedFuture(List.copyOf(choices.subList(0, n)));
            }
            if (options.nBatching() == NBatching.ALWAYS) {
                throw failure("asked for n = " + n + " choices and got " + choices.size()
                        + "; the server does not honour n: use n batching AUTO or NEVER", 200, null, null);
            }
            int got = choices.size();
            CompletableFuture<List<WireChoice>> rest;
            if (got == 1 && n > 1) {
                if (batchingUnsupported.compareAndSet(false, true)) {
                    LOG.log(Level.INFO, "{0} returned 1 choice for n = {1}; sending single requests with seeds seed + i"
                            + " from now on", endpointId(), n);
                }
                rest = singles(request, model, from + 1, to, topLogprobs);
            } else {
                LOG.log(Level.DEBUG, "{0} returned {1} choices for n = {2}; asking for the other {3}", endpointId(), got,
                        n, n - got);
                rest = batched(request, model, from + got, to, topLogprobs);
            }
            return rest.thenApply(more -> {
                List<WireChoice> all = new ArrayList<>(choices);
                all.addAll(more);
                return all;
            });
        });
    }

    /**
     * A request for {@code n > 1} answered with 400 or 422 (a server that rejects {@code n} rather than ignoring it)
     * fails with a message that names the setting sending single requests instead; other failures pass unchanged.
     */
    private static Throwable rejectedN(Throwable e, int n) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ModelCallException m && (m.status() == 400 || m.status() == 422)) {
            return new ModelCallException(m.getMessage() + " (the request asked for n = " + n + " samples in one call;"
                    + " if the server does not accept n > 1, set fracture.model.n-batching=never, or NBatching.NEVER,"
                    + " to send one request per sample)", m.status(), m);
        }
        return cause;
    }

    private CompletableFuture<List<WireChoice>> singles(ChatRequest request, String model, int from, int to,
                                                        int topLogprobs) {
        List<CompletableFuture<List<WireChoice>>> parts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            parts.add(exchange(request, model, 1, request.seed() + i, topLogprobs));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<WireChoice> out = new ArrayList<>(parts.size());
            for (CompletableFuture<List<WireChoice>> part : parts) {
                out.add(part.join().get(0));
            }
            return out;
        });
    }

    private CompletableFuture<List<WireChoice>> exchange(ChatRequest request, String model, int n, long seed,
                                                         int topLogprobs) {
        String body = wire.requestBody(request, model, n, seed, topLogprobs, options);
        Request.Builder builder = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        for (Map.Entry<String, String> h : wire.headers(apiKey).entrySet()) {
            builder.header(h.getKey(), h.getValue());
        }
        Exchange exchange = new Exchange(builder.build());
        pending.add(exchange);
        exchange.result.whenComplete((r, e) -> pending.remove(exchange));
        breaker.admit(exchange);
        return exchange.result;
    }

    private String where() {
        return "POST " + options.displayUrl() + "/" + wire.path() + " (model " + options.model() + ")";
    }

    /** A failure naming the endpoint, the status and an excerpt of the body, with the key masked. */
    protected final ModelCallException failure(String what, int status, String body, Throwable cause) {
        StringBuilder m = new StringBuilder(where()).append(" failed: ");
        if (status > 0) {
            m.append("HTTP ").append(status).append(": ");
        }
        m.append(what);
        if (body != null) {
            m.append("; body: ").append(OpenAiWire.excerpt(body, apiKey));
        }
        if (status == 401 || status == 403) {
            m.append(" (").append(wire.keyHint(options.apiKeyEnv())).append(")");
        }
        if (status >= 300 && status < 400) {
            m.append(" (the endpoint redirects elsewhere, e.g. from http:// to https://, which is not followed for a"
                    + " model call: set the base URL to the address it redirects to)");
        }
        return new ModelCallException(Secrets.maskUrls(Secrets.mask(m.toString(), apiKey)), status, cause);
    }

    /** One logical call: its attempts, retries and result. */
    private final class Exchange implements CircuitBreaker.Call {
        final Request request;
        final CompletableFuture<List<WireChoice>> result = new CompletableFuture<>();
        int retriesDone;
        boolean probe;

        Exchange(Request request) {
            this.request = request;
        }

        @Override
        public void send(boolean asProbe) {
            this.probe = asProbe;
            start();
        }

        @Override
        public void reject(String why) {
            result.completeExceptionally(failure(why, -1, null, null));
        }

        // Counted before the result completes, so a caller that sees the failure also sees it counted.
        private void succeed(List<WireChoice> choices) {
            breaker.success();
            result.complete(choices);
        }

        private void fail(ModelCallException e) {
            if (!closed.get() && breaker.failure(e.getMessage(), this, probe)) {
                retriesDone = 0; // held again: the next probe starts a fresh cycle of retries
                return;
            }
            result.completeExceptionally(e);
        }

        /** A failure that says nothing about the endpoint's health (the body was too large). */
        private void failHealthy(ModelCallException e) {
            breaker.success();
            result.completeExceptionally(e);
        }

        void start() {
            limiter.submit(this::sendNow);
        }

        void sendNow(AdaptiveLimiter.Permit permit) {
            if (closed.get() || result.isDone()) {
                permit.releaseNeutral();
                fail(failure("the client was closed", -1, null, null));
                return;
            }
            if (!probe && breaker.isOpen()) {
                // Queued (or waiting to retry) while the breaker opened: wait for the probe instead of failing.
                permit.releaseNeutral();
                breaker.admit(this);
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
                body = OpenAiWire.readWithin(rb, options.maxBodyBytes());
            } catch (OpenAiWire.BodyTooLargeException e) {
                permit.releaseNeutral();
                failHealthy(new UnreadableAnswerException(failure("unreadable answer: "
                        + UnreadableAnswerException.OVERSIZED + ": " + e.getMessage(), code, null, null).getMessage(),
                        Map.of(UnreadableAnswerException.OVERSIZED, 1), List.of()));
                return;
            } catch (IOException e) {
                permit.releaseNeutral();
                retryOrFail(-1, "reading the response failed: " + describe(e), null, Optional.empty(), e);
                return;
            }
            if (code >= 200 && code < 300) {
                accept(permit, code, body);
            } else if (wire.throttling(code) && wire.retryable(code, body)) {
                permit.releaseThrottled();
                retryOrFail(code, "server is throttling", body, retryAfter(response), null);
            } else if (wire.retryable(code, body)) {
                permit.releaseNeutral();
                retryOrFail(code, "server error", body, retryAfter(response), null);
            } else {
                permit.releaseNeutral();
                fail(failure("request rejected", code, body, null));
            }
        }

        private void accept(AdaptiveLimiter.Permit permit, int code, String body) {
            try {
                List<WireChoice> choices = wire.parse(body);
                if (choices.isEmpty()) {
                    throw new ProviderWire.BadBodyException("response has no answers", true);
                }
                permit.releaseSuccess();
                succeed(choices);
            } catch (ProviderWire.BadBodyException e) {
                permit.releaseNeutral();
                if (e.transientFault()) {
                    // Cut off, garbled or answerless: the server or connection failed mid-response, as with a 5xx.
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
            return wire.retryAfter(response::header, Clock.systemUTC());
        }
    }

    /** A one-line description of an I/O failure. */
    protected static String describe(IOException e) {
        if (e instanceof InterruptedIOException) {
            return "timed out (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        return "connection failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
}
