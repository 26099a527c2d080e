package dev.fracture.core.run;

import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** Records every request, optionally observes it, then delegates. */
final class RecordingClient implements ChatClient {
    final ConcurrentLinkedQueue<ChatRequest> requests = new ConcurrentLinkedQueue<>();
    private final ChatClient delegate;
    private final Consumer<ChatRequest> observer;

    RecordingClient(ChatClient delegate, Consumer<ChatRequest> observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    RecordingClient(ChatClient delegate) {
        this(delegate, r -> { });
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        requests.add(request);
        observer.accept(request);
        return delegate.complete(request);
    }

    @Override
    public String endpointId() {
        return "recording:" + delegate.endpointId();
    }
}
