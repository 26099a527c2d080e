package dev.fracture.core.cache;

import dev.fracture.core.model.CallContext;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import dev.fracture.core.model.ModelCallException;
import dev.fracture.core.model.UnreadableAnswerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * A {@link ChatClient} that serves samples from a {@link ResponseCache} and asks the wrapped client only
 * for the samples that are missing.
 *
 * <p>Every sample of a request is looked up on its own key (sample i of a request with seed s has
 * seed {@code s + i}). Missing samples are fetched in contiguous runs: the run from sample a to b is one
 * request with seed {@code s + a} and {@code n = b - a}, so results match an unbatched run. Each fetched
 * sample is stored as its run arrives, so an interrupted run keeps what it got.
 *
 * <p>Pass a {@link CallContext} (prompt id and regime; the runner always does) where available: a replay-only miss then names the prompt; without one the message quotes the start of
 * the user message.
 *
 * <p>Lookups are indexed reads done on the calling thread (well under a millisecond each); model calls
 * and writes never block it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class CachingChatClient implements ChatClient {
    private static final int QUOTE_CHARS = 60;

    private final ChatClient delegate;
    private final ResponseCache cache;
    private final CacheMode mode;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder fetched = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    private CachingChatClient(ChatClient delegate, ResponseCache cache, CacheMode mode) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (cache == null && mode != CacheMode.OFF) {
            throw new IllegalArgumentException("cache mode " + mode + " needs a response cache; open one with "
                    + "ResponseCache.open(path) or use mode OFF");
        }
        this.cache = cache;
    }

    /**
     * Wraps a client.
     *
     * @param cache the store; may be {@code null} only with {@link CacheMode#OFF}
     */
    public static CachingChatClient wrap(ChatClient delegate, ResponseCache cache, CacheMode mode) {
        return new CachingChatClient(delegate, cache, mode);
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        return texts(samples(request, 0, null));
    }

    /** Like {@link #complete(ChatRequest)}, naming the prompt in replay-only misses; the runner calls this. */
    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request, CallContext context) {
        return texts(samples(request, 0, context == null ? null : context.display()));
    }

    @Override
    public CompletableFuture<List<Completion>> completions(ChatRequest request) {
        return samples(request, 0, null);
    }

    @Override
    public CompletableFuture<List<Completion>> completeWithLogprobs(ChatRequest request, int topLogprobs) {
        return completeWithLogprobs(request, topLogprobs, null);
    }

    /** Like {@link #completeWithLogprobs(ChatRequest, int)}, naming the prompt in replay-only misses. */
    public CompletableFuture<List<Completion>> completeWithLogprobs(ChatRequest request, int topLogprobs,
                                                                    CallContext context) {
        if (topLogprobs < 1) {
            throw new IllegalArgumentException("topLogprobs = " + topLogprobs + " is outside the allowed range [1, +inf)");
        }
        return samples(request, topLogprobs, context == null ? null : context.display());
    }

    @Override
    public String endpointId() {
        return delegate.endpointId();
    }

    public CacheMode mode() {
        return mode;
    }

    /** A snapshot of the counters. */
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), calls.sum(), fetched.sum(), stored.sum(), skipped.sum());
    }

    /** Closes the wrapped client; the cache stays open (it may be shared) but is flushed. */
    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            if (cache != null) {
                cache.flush();
            }
        }
    }

    @Override
    public String toString() {
        return "CachingChatClient{" + mode + ", " + cache + ", " + delegate.endpointId() + "}";
    }

    private static CompletableFuture<List<String>> texts(CompletableFuture<List<Completion>> samples) {
        return samples.thenApply(cs -> cs.stream().map(Completion::text).toList());
    }

    /** The samples of a request; {@code who} names the prompt in a replay-only miss ({@code null}: quote it). */
    private CompletableFuture<List<Completion>> samples(ChatRequest request, int topLogprobs, String who) {
        if (mode == CacheMode.OFF) {
            return call(request, topLogprobs);
        }
        String endpoint = delegate.endpointId();
        int n = request.n();
        String[] keys = CacheKey.ofSamples(endpoint, request, n, topLogprobs);
        Completion[] out = new Completion[n];
        if (mode != CacheMode.REFRESH) {
            Map<String, Completion> found = cache.lookup(Arrays.asList(keys));
            for (int i = 0; i < n; i++) {
                out[i] = found.get(keys[i]);
            }
        }
        List<int[]> runs = missingRuns(out);
        int missing = runs.stream().mapToInt(r -> r[1] - r[0]).sum();
        hits.add(n - missing);
        misses.add(missing);
        if (missing == 0) {
            return CompletableFuture.completedFuture(List.of(out));
        }
        if (mode == CacheMode.REPLAY_ONLY) {
            return CompletableFuture.failedFuture(replayMiss(request, who, runs.get(0)[0], missing, endpoint));
        }
        List<CompletableFuture<Void>> parts = new ArrayList<>(runs.size());
        for (int[] run : runs) {
            parts.add(fetchRun(request, topLogprobs, run[0], run[1], keys, out, endpoint));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> List.of(out));
    }

    private CompletableFuture<Void> fetchRun(ChatRequest request, int topLogprobs, int from, int to, String[] keys,
                                             Completion[] out, String endpoint) {
        ChatRequest part = new ChatRequest(request.model(), request.messages(), request.temperature(), request.topP(),
                request.maxTokens(), request.seed() + from, to - from);
        return call(part, topLogprobs).handle((got, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof UnreadableAnswerException u) {
                    // Keep what was answered: a rerun then asks only for the unreadable samples again.
                    List<Completion> readable = u.readable();
                    for (int j = 0; j < readable.size() && from + j < to; j++) {
                        keep(readable.get(j), from + j, keys, request, endpoint);
                    }
                }
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            if (got.size() != to - from) {
                throw new ModelCallException(endpoint + " returned " + got.size() + " samples for a request of n = "
                        + (to - from), -1);
            }
            fetched.add(got.size());
            for (int j = 0; j < got.size(); j++) {
                out[from + j] = got.get(j);
                keep(got.get(j), from + j, keys, request, endpoint);
            }
            return null;
        });
    }

    /**
     * Stores one answer unless it is not the model's own text: a filter's stand-in ({@code filtered-as=refusal})
     * or an empty answer from a client that does not check, which must never replay as an answer.
     */
    private void keep(Completion c, int index, String[] keys, ChatRequest request, String endpoint) {
        if (c == null || c.filtered() || c.text().isBlank()) {
            skipped.increment();
            return;
        }
        cache.store(keys[index], endpoint, request.model(), c, mode == CacheMode.REFRESH);
        stored.increment();
    }

    private CompletableFuture<List<Completion>> call(ChatRequest request, int topLogprobs) {
        calls.increment();
        if (topLogprobs > 0) {
            return delegate.completeWithLogprobs(request, topLogprobs);
        }
        return delegate.completions(request);
    }

    private static List<int[]> missingRuns(Completion[] out) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < out.length) {
            if (out[i] != null) {
                i++;
                continue;
            }
            int start = i;
            while (i < out.length && out[i] == null) {
                i++;
            }
            runs.add(new int[] {start, i});
        }
        return runs;
    }

    private CacheMissException replayMiss(ChatRequest request, String who, int firstMissing, int missing,
                                          String endpoint) {
        // The fix comes before the details: reports may cut long messages.
        String prompt = who != null ? who : "the prompt whose user message starts " + quote(request);
        return new CacheMissException("response cache miss in REPLAY_ONLY mode for " + prompt + ": " + missing + " of "
                + request.n() + " samples are not stored in " + cache.file() + "; no model was called. Run once with"
                + " fracture.cache.mode=read-write (CacheMode.READ_WRITE) against the model to record these samples,"
                + " or check that endpoint, model,"
                + " messages and decoder settings match the recorded run (first missing: sample " + firstMissing
                + ", seed " + (request.seed() + firstMissing) + "; endpoint " + endpoint + ", model " + request.model()
                + ", temperature " + request.temperature() + ", top_p " + request.topP() + ").");
    }

    private static String quote(ChatRequest request) {
        String text = "";
        for (ChatMessage m : request.messages()) {
            if ("user".equals(m.role())) {
                text = m.content();
            }
        }
        text = text.replaceAll("\\s+", " ").strip();
        return "'" + (text.length() <= QUOTE_CHARS ? text : text.substring(0, QUOTE_CHARS) + "...") + "'";
    }
}
