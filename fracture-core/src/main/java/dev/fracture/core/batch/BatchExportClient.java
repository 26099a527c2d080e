package dev.fracture.core.batch;

import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.model.CallContext;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * A {@link ChatClient} that writes requests to a batch export instead of sending them. Used in place of the
 * model client by a run with {@code fracture.batch.export}, so the exported set is built by the runner's own
 * request code: the same prompts, cues, decoder, seeds and samples a live run sends.
 *
 * <p>With a response cache, samples already stored are served from it and only the missing ones are exported;
 * a request with any missing sample completes exceptionally with {@link BatchExportedException} (the prompt is
 * not measured). So a second export pass after an import exports what the first one could not know: the
 * requests of a model-backed judge, which judges answers that are now in the cache.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class BatchExportClient implements ChatClient {
    private final String endpointId;
    private final String defaultModel;
    private final String maxTokensField;
    private final ResponseCache cache;
    private final BatchExportWriter writer;
    private final LongAdder served = new LongAdder();
    private final LongAdder exported = new LongAdder();

    /**
     * @param endpointId the id of the endpoint the answers will be replayed for: part of every key
     * @param cache where answers already imported are found; {@code null} exports every sample
     */
    public BatchExportClient(String endpointId, String defaultModel, String maxTokensField, ResponseCache cache,
                             BatchExportWriter writer) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
        this.maxTokensField = Objects.requireNonNull(maxTokensField, "maxTokensField");
        this.cache = cache;
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        return complete(request, null);
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request, CallContext context) {
        return samples(request, 0, context).thenApply(cs -> cs.stream().map(Completion::text).toList());
    }

    @Override
    public CompletableFuture<List<Completion>> completeWithLogprobs(ChatRequest request, int topLogprobs) {
        return samples(request, topLogprobs, null);
    }

    @Override
    public String endpointId() {
        return endpointId;
    }

    /** Samples served from the cache so far. */
    public long served() {
        return served.sum();
    }

    /** Samples found missing and exported so far (a request exported twice counts twice). */
    public long exported() {
        return exported.sum();
    }

    public BatchExportWriter writer() {
        return writer;
    }

    private CompletableFuture<List<Completion>> samples(ChatRequest request, int topLogprobs, CallContext context) {
        String promptId = context == null ? "" : context.promptId();
        String label = context == null ? "" : context.label();
        List<BatchRequest> all = BatchRequest.of(endpointId, request, promptId, label, defaultModel, topLogprobs,
                maxTokensField);
        Map<String, Completion> found = cache == null ? Map.of()
                : cache.lookup(all.stream().map(BatchRequest::customId).toList());
        List<Completion> out = new ArrayList<>(all.size());
        int missing = 0;
        for (BatchRequest r : all) {
            Completion c = found.get(r.customId());
            if (c == null) {
                writer.write(r);
                missing++;
            }
            out.add(c);
        }
        if (missing == 0) {
            served.add(all.size());
            return CompletableFuture.completedFuture(List.copyOf(out));
        }
        exported.add(missing);
        return CompletableFuture.failedFuture(new BatchExportedException(missing + " of " + all.size()
                + " samples exported to " + writer.requestsFile() + ", not sent"
                + (context == null ? "" : " (" + context.display() + ")")));
    }
}
