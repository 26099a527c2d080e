package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.judge.CachingJudge;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.JudgeOptions;
import dev.fracture.core.judge.Judges;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.run.FractureRunner;
import dev.fracture.core.run.RunResult;
import dev.fracture.core.run.RunSpec;
import dev.fracture.core.run.RunnerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The measurement engine of a test run: the core {@link FractureRunner} over an OpenAI-compatible client
 * (the embedded reference subject when no base URL is configured), the response cache and the judge.
 * Created once per test engine run; closing it closes the cache, the client and the reference subject.
 */
final class RunnerEngine implements MeasurementEngine {
    private static final Logger LOG = Logger.getLogger(RunnerEngine.class.getName());
    /** The file of the response cache inside {@code fracture.cache.dir}. */
    static final String CACHE_FILE = "responses.sqlite";

    private final Deque<AutoCloseable> resources;
    private final ChatClient client;
    private final Judge judge;
    private final FractureRunner runner;

    private RunnerEngine(Deque<AutoCloseable> resources, ChatClient client, Judge judge, FractureRunner runner) {
        this.resources = resources;
        this.client = client;
        this.judge = judge;
        this.runner = runner;
    }

    /**
     * Opens the client, cache and judge.
     *
     * @param method {@code SimpleClassName#method} of the method that first needs the engine, for errors
     */
    static RunnerEngine create(Settings.Engine settings, String method) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            OpenAiChatClient http = http(settings, opened);
            opened.push(http);
            ChatClient client = cached(http, settings, opened);
            // Model-backed judges call through the response cache too: re-judging stored answers costs nothing
            // across runs, and a replay-only run touches no model at all.
            Judge judge = new CachingJudge(judge(settings, client, method));
            RunnerOptions options = RunnerOptions.defaults()
                    .withModel(settings.modelName().orElse(Settings.DEFAULT_MODEL_NAME))
                    .withMaxTokens(settings.maxTokens())
                    .withProgress(LOG::info, Duration.ofSeconds(10));
            if (client instanceof CachingChatClient caching) {
                options = options.withCacheCounters(() -> caching.stats().hits(), () -> caching.stats().misses());
            }
            return new RunnerEngine(opened, client, judge, new FractureRunner(client, judge, options));
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    private static OpenAiChatClient http(Settings.Engine settings, Deque<AutoCloseable> opened) {
        OpenAiClientOptions.Builder builder;
        if (settings.baseUrl().isPresent()) {
            builder = OpenAiClientOptions.builder(settings.baseUrl().get(), settings.modelName().orElseThrow())
                    .apiKeyEnv(settings.apiKeyEnv());
            if (settings.revision().isEmpty() && settings.cacheMode() != CacheMode.OFF) {
                LOG.warning("responses are cached by URL and model name only: set " + Settings.REVISION_KEY
                        + " to the checkpoint's id, or a new checkpoint served under the same name is answered"
                        + " from the previous one's cached samples");
            }
        } else {
            ReferenceSubject subject = ReferenceSubject.start(settings.persona());
            opened.push(subject);
            // A stable label instead of the ephemeral port, so cached answers are found again on the next run.
            builder = OpenAiClientOptions.builder(subject.baseUri().toString(), Settings.DEFAULT_MODEL_NAME)
                    .endpointId("reference-subject:" + settings.persona().key());
        }
        // A hung server costs (retries + 1) × the timeout per call, so both are configurable, not only built in.
        return OpenAiChatClient.create(builder.revision(settings.revision().orElse(null))
                .maxConcurrency(settings.concurrency())
                .readTimeout(Duration.ofSeconds(settings.timeoutSeconds())).maxRetries(settings.maxRetries())
                .maxConsecutiveFailures(settings.maxConsecutiveFailures())
                .maxTokensField(settings.maxTokensField()).build());
    }

    private static ChatClient cached(OpenAiChatClient http, Settings.Engine settings, Deque<AutoCloseable> opened) {
        if (settings.cacheMode() == CacheMode.OFF) {
            return http;
        }
        try {
            Files.createDirectories(settings.cacheDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the response cache directory " + settings.cacheDir()
                    .toAbsolutePath() + " (" + Settings.CACHE_DIR_KEY + "): " + e.getMessage(), e);
        }
        ResponseCache cache = ResponseCache.open(settings.cacheDir().resolve(CACHE_FILE));
        opened.push(cache);
        return CachingChatClient.wrap(http, cache, settings.cacheMode());
    }

    private static Judge judge(Settings.Engine settings, ChatClient client, String method) {
        JudgeOptions options = settings.judgeModel().map(m -> JudgeOptions.of(client, m)).orElse(JudgeOptions.none());
        try {
            return Judges.create(settings.judge().text(), options);
        } catch (IllegalArgumentException e) {
            throw FractureConfig.invalid(settings.judge(), e.getMessage()
                    + (settings.judgeModel().isEmpty() ? " (model-backed judges need " + Settings.JUDGE_MODEL_KEY
                    + ")" : ""), method);
        }
    }

    @Override
    public RunInfo describe(MeasurementPlan plan, Instant started) {
        Settings.Measurement s = plan.settings();
        return new RunInfo(plan.id(), plan.name(), plan.pool().name(), s.axis(), s.decoder(), s.tau(),
                client.endpointId(), judge.fingerprint(), CueResolver.hashes(CueResolver.cues(plan.cues())),
                s.placebo(), started);
    }

    @Override
    public Result run(MeasurementPlan plan, Consumer<PromptOutcome> onOutcome) {
        Settings.Measurement s = plan.settings();
        RunSpec spec = new RunSpec(plan.pool().name(), plan.pool().prompts(), s.axis(), s.decoder(), s.tau(),
                CueResolver.cues(plan.cues()), s.placebo(), s.gate().confidence(), s.gate().method());
        RunResult result = runner.run(spec, onOutcome);
        return new Result(result.results(), result.stats());
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) { // keep closing the rest: a stuck cache must not leave the server running
                LOG.warning("closing " + resource + " failed: " + e);
            }
        }
    }
}
