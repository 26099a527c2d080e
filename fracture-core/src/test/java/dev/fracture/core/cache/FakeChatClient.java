package dev.fracture.core.cache;

import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic model: sample i of a request with seed s answers {@code text(userMessage, s + i)}, so
 * a test can tell whether the right seeds were sent, batched or not. Counts requests and samples.
 */
final class FakeChatClient implements ChatClient {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final AtomicLong samples = new AtomicLong();
    private final String version;
    private final long delayMs;

    FakeChatClient(String version, long delayMs) {
        this.version = version;
        this.delayMs = delayMs;
    }

    FakeChatClient() {
        this("v1", 0);
    }

    static String text(String version, ChatRequest request, long seed) {
        return version + "|" + request.messages().get(request.messages().size() - 1).content() + "|seed=" + seed;
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        return completeWithLogprobs(request, 0).thenApply(cs -> cs.stream().map(Completion::text).toList());
    }

    @Override
    public CompletableFuture<List<Completion>> completeWithLogprobs(ChatRequest request, int topLogprobs) {
        requests.add(request);
        samples.addAndGet(request.n());
        List<Completion> out = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            long seed = request.seed() + i;
            Map<String, Double> lp = topLogprobs > 0 ? Map.of("Yes", -0.01 * (seed % 50), "No", -3.0) : Map.of();
            out.add(new Completion(text(version, request, seed), lp));
        }
        if (delayMs == 0) {
            return CompletableFuture.completedFuture(out);
        }
        Executor later = CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> out, later);
    }

    @Override
    public String endpointId() {
        return "fake://model (model fake-1)";
    }
}
