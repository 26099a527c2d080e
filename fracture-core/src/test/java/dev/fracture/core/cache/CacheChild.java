package dev.fracture.core.cache;

import dev.fracture.core.model.CallContext;
import dev.fracture.core.model.ChatMessage;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.Completion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Child-JVM workloads for the multi-process cache tests, and the workload definition they share with
 * the parent test.
 */
public final class CacheChild {
    static final int SAMPLES_PER_PROMPT = 4;

    private CacheChild() {
    }

    /**
     * {@code write <file> <from> <to> <writer>}: stores keys {@code key(i)} for i in [from, to).
     * {@code run <file> <prompts> <delayMs>}: runs the prompt workload through a CachingChatClient.
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "write" -> write(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            case "run" -> {
                try (ResponseCache cache = ResponseCache.open(Path.of(args[1]))) {
                    run(cache, new FakeChatClient("v1", Long.parseLong(args[3])), Integer.parseInt(args[2]), 8);
                }
            }
            default -> throw new IllegalArgumentException("unknown child command " + args[0]);
        }
        System.out.println("DONE");
    }

    static String key(int i) {
        return String.format("k-%07d", i);
    }

    static String value(int i) {
        return "value of " + i;
    }

    private static void write(Path file, int from, int to, String writer) {
        try (ResponseCache cache = ResponseCache.open(file)) {
            for (int i = from; i < to; i++) {
                cache.store(key(i), writer, "m", new Completion(value(i), Map.of()), false);
                if (i % 500 == 0) {
                    Thread.yield(); // let the other JVM interleave its transactions
                }
            }
        }
    }

    static ChatRequest prompt(int p) {
        return new ChatRequest("fake-1", List.of(ChatMessage.system("cue"), ChatMessage.user("prompt " + p)),
                0.8, 0.95, 32, 1000L * p, SAMPLES_PER_PROMPT);
    }

    /** Runs {@code prompts} requests, {@code parallel} at a time; returns every sample's text in order. */
    static List<List<String>> run(ResponseCache cache, FakeChatClient model, int prompts, int parallel) throws Exception {
        CachingChatClient client = CachingChatClient.wrap(model, cache, CacheMode.READ_WRITE);
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<List<String>>> futures = new ArrayList<>();
        for (int p = 0; p < prompts; p++) {
            slots.acquire();
            CompletableFuture<List<String>> f = client.complete(prompt(p), CallContext.of("p-" + p, "deploy"));
            f.whenComplete((r, e) -> slots.release());
            futures.add(f);
        }
        List<List<String>> out = new ArrayList<>();
        for (CompletableFuture<List<String>> f : futures) {
            out.add(f.get());
        }
        cache.flush();
        return out;
    }
}
