package dev.fracture.core.judge;

import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A fake chat client that records every request and answers with a fixed function. */
class RecordingChatClient implements ChatClient {

    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<ChatRequest, Completion> reply;

    RecordingChatClient(Function<ChatRequest, Completion> reply) {
        this.reply = reply;
    }

    static RecordingChatClient text(String text) {
        return new RecordingChatClient(r -> new Completion(text, Map.of()));
    }

    static RecordingChatClient withLogprobs(String text, Map<String, Double> logprobs) {
        return new RecordingChatClient(r -> new Completion(text, logprobs));
    }

    static RecordingChatClient failing(RuntimeException error) {
        return new RecordingChatClient(r -> {
            throw error;
        });
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        requests.add(request);
        try {
            return CompletableFuture.completedFuture(List.of(reply.apply(request).text()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<List<Completion>> completeWithLogprobs(ChatRequest request, int topLogprobs) {
        requests.add(request);
        try {
            return CompletableFuture.completedFuture(List.of(reply.apply(request)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String endpointId() {
        return "fake://judge";
    }

    /** All message contents of all recorded requests, joined. */
    String allText() {
        StringBuilder sb = new StringBuilder();
        requests.forEach(r -> r.messages().forEach(m -> sb.append(m.role()).append(": ").append(m.content()).append('\n')));
        return sb.toString();
    }
}
