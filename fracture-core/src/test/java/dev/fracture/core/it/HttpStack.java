package dev.fracture.core.it;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.NBatching;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.run.FractureRunner;
import dev.fracture.core.run.RunResult;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunnerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The production stack over real HTTP on loopback: a reference subject (simulator) server, the OkHttp
 * client pointed at it, optionally the response cache in front, the runner and the oracle judge.
 */
final class HttpStack {
    private HttpStack() {
    }

    /** Client options for the server with short backoff, so retries in tests take milliseconds. */
    static OpenAiClientOptions.Builder options(ReferenceSubject server) {
        return OpenAiClientOptions.builder(server.baseUri().toString(), ReferenceSubject.MODEL)
                .endpointId("reference-subject") // stable across ports, so a cache recorded once replays later
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10))
                .backoffBase(Duration.ofMillis(5)).backoffMax(Duration.ofMillis(40))
                .maxConcurrency(16);
    }

    static OpenAiChatClient http(ReferenceSubject server, NBatching batching) {
        return OpenAiChatClient.create(options(server).nBatching(batching).build());
    }

    static OpenAiChatClient http(ReferenceSubject server, UnaryOperator<OpenAiClientOptions.Builder> config) {
        return OpenAiChatClient.create(config.apply(options(server)).build());
    }

    static CachingChatClient cached(ReferenceSubject server, ResponseCache cache, CacheMode mode) {
        return CachingChatClient.wrap(http(server, NBatching.AUTO), cache, mode);
    }

    static ResponseCache cache(Path dir) {
        return ResponseCache.open(dir.resolve("responses.sqlite"));
    }

    /** Starts a server for the config; the caller closes it. */
    static ReferenceSubject server(ReferenceConfig config) {
        return ReferenceSubject.start(config);
    }

    /** A finished run and its outcomes, sorted by prompt id and cue so runs compare whatever the arrival order. */
    record Run(RunResult result, List<PromptOutcome> outcomes) {
    }

    static Run run(ChatClient client, RunSpec spec) {
        List<PromptOutcome> outcomes = new CopyOnWriteArrayList<>();
        RunResult result = new FractureRunner(client, ReferenceSubject.oracleJudge(),
                RunnerOptions.defaults().withPromptsInFlight(16).withJudgeThreads(2)).run(spec, outcomes::add);
        List<PromptOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparing(PromptOutcome::promptId).thenComparing(PromptOutcome::cue));
        return new Run(result, sorted);
    }
}
