package dev.fracture.core.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apiguardian.api.API;

/**
 * Asynchronous access to a chat model. Implementations bound their own concurrency, retry transient
 * failures, and complete the future exceptionally with a {@link ModelCallException} when a call cannot
 * succeed (an {@link UnreadableAnswerException} when it succeeded but did not answer); they never block the
 * calling thread.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface ChatClient extends AutoCloseable {

    /** Completes with exactly {@code request.n()} completions, in sample order. */
    CompletableFuture<List<String>> complete(ChatRequest request);

    /**
     * Like {@link #complete(ChatRequest)}, saying what the call is for so that errors can name the prompt
     * and regime (a replay-only cache miss does). The default ignores the context; the runner always calls
     * this form.
     */
    default CompletableFuture<List<String>> complete(ChatRequest request, CallContext context) {
        return complete(request);
    }

    /**
     * Like {@link #complete(ChatRequest)} with each completion's finish reason. The default wraps the texts
     * (finish reason unknown); HTTP clients override it.
     */
    default CompletableFuture<List<Completion>> completions(ChatRequest request) {
        return complete(request).thenApply(texts -> texts.stream().map(t -> new Completion(t, Map.of())).toList());
    }

    /**
     * Like {@link #complete} but asks for the first token's top log-probabilities ({@code logprobs},
     * {@code top_logprobs}) where the server supports them; used by classifier judges. The default
     * returns the texts without log-probabilities.
     */
    default CompletableFuture<List<Completion>> completeWithLogprobs(ChatRequest request, int topLogprobs) {
        return complete(request).thenApply(texts -> texts.stream().map(t -> new Completion(t, Map.of())).toList());
    }

    /** The endpoint and model as shown in reports and cache keys (never a secret). */
    String endpointId();

    @Override
    default void close() {
    }
}
