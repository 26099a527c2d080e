package dev.fracture.junit;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.batch.BatchExportClient;
import dev.fracture.core.batch.BatchExportWriter;
import dev.fracture.core.cache.CacheMode;
import dev.fracture.core.cache.CachingChatClient;
import dev.fracture.core.cache.ResponseCache;
import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.judge.CachingJudge;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.JudgeOptions;
import dev.fracture.core.judge.Judges;
import dev.fracture.core.judge.PersistentVerdictStore;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.HttpChatClient;
import dev.fracture.core.model.ModelCallException;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.model.Providers;
import dev.fracture.core.protocol.Manifest;
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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The measurement engine of a test run: the core {@link FractureRunner} over the configured subject (a model
 * behind an OpenAI-compatible endpoint, or the embedded reference subject when chosen explicitly), the response
 * cache and the judge. Created once per test engine run; closing it closes the cache, the client and the
 * reference subject.
 */
final class RunnerEngine implements MeasurementEngine {
    private static final Logger LOG = Logger.getLogger(RunnerEngine.class.getName());
    /** The file of the response cache inside {@code fracture.cache.dir}. */
    static final String CACHE_FILE = "responses.sqlite";

    private final Deque<AutoCloseable> resources;
    private final ChatClient client;
    private final Judge judge;
    private final FractureRunner runner;
    private final Manifest.Subject subject;
    private final dev.fracture.core.run.CuePlacement cuePlacement;
    private final BaselineArms baselines;

    private RunnerEngine(Deque<AutoCloseable> resources, ChatClient client, Judge judge, FractureRunner runner,
                         Manifest.Subject subject, dev.fracture.core.run.CuePlacement cuePlacement,
                         BaselineArms baselines) {
        this.baselines = baselines;
        this.resources = resources;
        this.client = client;
        this.judge = judge;
        this.runner = runner;
        this.subject = subject;
        this.cuePlacement = cuePlacement;
    }

    /**
     * Opens the client (after a preflight call to an endpoint), the cache and the judge.
     *
     * @param method {@code SimpleClassName#method} of the method that first needs the engine, for errors
     */
    static RunnerEngine create(Settings.Engine settings, String method) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        // The embedded judge hashes its code and weights for its fingerprint while the subject is set up.
        Judges.prepare(settings.judge().text());
        try {
            Subject subject = settings.subject() == Settings.Subject.REFERENCE ? reference(settings, opened)
                    : endpoint(settings, method, opened);
            ChatClient client = settings.batchExport().isPresent()
                    ? exporting(subject.client(), settings, opened, method)
                    : cached(subject.client(), settings, opened);
            // Model-backed judges call through the response cache too: re-judging stored answers costs nothing
            // across runs, and a replay-only run touches no model at all.
            Judge judge = cachingJudge(judge(settings, judgeClient(settings, client, method, opened), method), settings,
                    opened);
            RunnerOptions options = RunnerOptions.defaults()
                    .withModel(settings.model())
                    .withMaxTokens(settings.maxTokens())
                    .withCuePlacement(settings.cuePlacement())
                    .withPromptsInFlight(promptsInFlight(settings.concurrency()))
                    .withProgress(Console::line, Duration.ofSeconds(10));
            if (client instanceof CachingChatClient caching) {
                options = options.withCacheCounters(() -> caching.stats().hits(), () -> caching.stats().misses());
            }
            return new RunnerEngine(opened, client, judge, new FractureRunner(client, judge, options),
                    subject.description(), settings.cuePlacement(), new BaselineArms(settings, judge, options, opened));
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Prompts started but not yet emitted: enough to keep {@code concurrency} requests busy. A prompt makes two
     * requests at a time (train and deploy), and outcomes leave in pool order, so one slow prompt holds back the
     * finished ones behind it: the runner's default of 32 left a limit of 64 requests half used.
     */
    static int promptsInFlight(int concurrency) {
        return Math.max(RunnerOptions.DEFAULT_PROMPTS_IN_FLIGHT, 2 * concurrency);
    }

    /**
     * Verdicts kept across runs beside the response cache when the cache is on, so a rerun from the cache
     * neither calls the model nor re-judges; only in memory otherwise.
     */
    private static CachingJudge cachingJudge(Judge judge, Settings.Engine settings, Deque<AutoCloseable> opened) {
        if (settings.cacheMode() == CacheMode.OFF) {
            return new CachingJudge(judge);
        }
        PersistentVerdictStore store = PersistentVerdictStore.open(
                settings.cacheDir().resolve(PersistentVerdictStore.FILE), judge.fingerprint());
        opened.push(store);
        CachingJudge caching = new CachingJudge(judge, store);
        opened.push(() -> {
            if (caching.hits() + caching.misses() > 0) {
                Console.line("fracture verdicts: " + caching.hits() + " reused from " + store.file() + ", "
                        + caching.misses() + " judged");
            }
        });
        return caching;
    }

    /** An opened client and what it measures. */
    record Subject(HttpChatClient client, Manifest.Subject description) {
    }

    private static Subject reference(Settings.Engine settings, Deque<AutoCloseable> opened) {
        ReferenceSubject reference = ReferenceSubject.start(settings.persona());
        opened.push(reference);
        String persona = settings.persona().key();
        // A stable label instead of the ephemeral port, so cached answers are found again on the next run.
        HttpChatClient client = client(OpenAiClientOptions.builder(reference.baseUri().toString(), settings.model())
                .endpointId("reference-subject:" + persona), settings, Providers.OPENAI);
        opened.push(client);
        return new Subject(client, new Manifest.Subject(FractureKeys.REFERENCE,
                "reference simulator (persona " + persona + ")", settings.model(), "persona " + persona));
    }

    static Subject endpoint(Settings.Engine settings, String method, Deque<AutoCloseable> opened) {
        String url = settings.baseUrl().orElseThrow();
        Optional<String> revision = settings.revision();
        HttpChatClient client = open(settings, url, revision, method);
        opened.push(client);
        // A replay-only or exporting run contacts no model, not even for the preflight: its revision is configured.
        boolean preflight = settings.preflight() && settings.cacheMode() != CacheMode.REPLAY_ONLY
                && settings.batchExport().isEmpty();
        if (preflight && !(client instanceof OpenAiChatClient)) {
            try {
                client.ping();
            } catch (ModelCallException e) {
                throw new ExtensionConfigurationException(Settings.forMethod(method, "the model under test is not "
                        + "reachable as configured, so nothing was measured: " + e.getMessage() + " ("
                        + FractureKeys.PREFLIGHT + "=false skips this check)"), e);
            }
        }
        if (preflight && client instanceof OpenAiChatClient openAi) {
            OpenAiChatClient.ServerModel served;
            try {
                served = openAi.preflight();
            } catch (ModelCallException e) {
                throw new ExtensionConfigurationException(Settings.forMethod(method, "the model under test is not "
                        + "reachable as configured, so nothing was measured: " + e.getMessage() + " (set "
                        + FractureKeys.BASE_URL + ", " + FractureKeys.MODEL_NAME + " and "
                        + FractureKeys.API_KEY_ENV + " to a running server; " + FractureKeys.PREFLIGHT
                        + "=false skips this check)"), e);
            }
            if (revision.isEmpty() && settings.revisionFromServer() && served.weights().isPresent()) {
                revision = served.weights();
                LOG.fine(() -> "revision read from the server's /models entry: " + served.weights().get());
                opened.remove(client);
                client.close();
                client = open(settings, url, revision, method);
                opened.push(client);
            }
        }
        if (revision.isEmpty() && (settings.cacheMode() != CacheMode.OFF || settings.batchExport().isPresent())) {
            throw new ExtensionConfigurationException(Settings.forMethod(method, FractureKeys.REVISION + " is not set"
                    + " and the server does not say which weights it serves, so cached answers could come from an "
                    + "earlier checkpoint served under the same URL and name '" + settings.model() + "': set "
                    + FractureKeys.REVISION + " to the checkpoint's id (a hash, a step, a tag), or "
                    + FractureKeys.CACHE_MODE + "=off to measure without the cache"));
        }
        return new Subject(client, new Manifest.Subject(client.wire().name(), client.options().displayUrl(),
                settings.model(), revision.orElse("")));
    }

    private static HttpChatClient open(Settings.Engine settings, String url, Optional<String> revision,
                                       String method) {
        try {
            OpenAiClientOptions.Builder builder = OpenAiClientOptions.builder(url, settings.model())
                    .apiKeyEnv(settings.apiKeyEnv()).revision(revision.orElse(null));
            return client(builder, settings, settings.client().provider());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(Settings.forMethod(method, e.getMessage()
                    + " (" + FractureKeys.PROVIDER + ", " + FractureKeys.BASE_URL + ")"), e);
        }
    }

    private static HttpChatClient client(OpenAiClientOptions.Builder builder, Settings.Engine settings,
                                         String provider) {
        Settings.Client c = settings.client();
        // A hung server costs (retries + 1) × the timeout per call, so both are configurable, not only built in.
        OpenAiClientOptions options = builder.maxConcurrency(settings.concurrency())
                .readTimeout(Duration.ofSeconds(settings.timeoutSeconds())).maxRetries(settings.maxRetries())
                .maxConsecutiveFailures(settings.maxConsecutiveFailures())
                .maxTokensField(settings.maxTokensField()).filteredAs(c.filteredAs()).maxBodyBytes(c.maxBodyBytes())
                .maxOutage(Duration.ofSeconds(c.maxOutageSeconds())).nBatching(c.nBatching()).build();
        return Providers.OPENAI.equals(provider) ? OpenAiChatClient.create(options)
                : HttpChatClient.create(options, Providers.wire(provider, c.anthropicVersion()));
    }

    /**
     * The client model-backed judges call: the subject's, or a judge endpoint apart ({@code fracture.judge.base-url})
     * behind the same response cache under its own endpoint id.
     */
    private static ChatClient judgeClient(Settings.Engine settings, ChatClient subject, String method,
                                          Deque<AutoCloseable> opened) {
        if (settings.judgeEndpoint().isEmpty()) {
            return subject;
        }
        Settings.JudgeEndpoint judge = settings.judgeEndpoint().get();
        String model = settings.judgeModel().orElseThrow();
        HttpChatClient http;
        try {
            OpenAiClientOptions.Builder builder = OpenAiClientOptions.builder(judge.baseUrl(), model)
                    .apiKeyEnv(judge.apiKeyEnv());
            String id = "judge " + judge.provider() + " " + builder.build().displayUrl() + " (model " + model + ")";
            http = client(builder.endpointId(id), settings, judge.provider());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(Settings.forMethod(method, e.getMessage() + " ("
                    + FractureKeys.JUDGE_BASE_URL + ", " + FractureKeys.JUDGE_PROVIDER + ", "
                    + FractureKeys.JUDGE_API_KEY_ENV + ")"), e);
        }
        opened.push(http);
        if (settings.batchExport().isPresent()) {
            return exportingJudge(http, settings, opened, method);
        }
        return cached(http, settings, opened);
    }

    /**
     * In an export run, the judge endpoint apart exports too, into {@code judge/} under the export directory, under
     * its own endpoint id: its requests exist once the subject's answers are imported (a second export pass), and
     * once their outputs are imported a replay-only run calls neither endpoint.
     */
    private static ChatClient exportingJudge(HttpChatClient http, Settings.Engine settings,
                                             Deque<AutoCloseable> opened, String method) {
        if (!(http instanceof OpenAiChatClient)) {
            throw new ExtensionConfigurationException(Settings.forMethod(method, FractureKeys.BATCH_EXPORT
                    + " writes OpenAI Batch JSONL (chat-completions bodies), but the judge endpoint's provider is '"
                    + settings.judgeEndpoint().orElseThrow().provider() + "': export with an OpenAI-compatible judge "
                    + "endpoint, or run the judge live after importing the answers (remove " + FractureKeys.BATCH_EXPORT
                    + ")"));
        }
        ResponseCache cache = exportCache(settings, opened);
        BatchExportWriter writer = BatchExportWriter.into(settings.batchExport().orElseThrow().resolve("judge"));
        opened.push(writer);
        BatchExportClient client = new BatchExportClient(http.endpointId(), settings.judgeModel().orElseThrow(),
                settings.maxTokensField(), cache, writer);
        opened.push(() -> {
            if (writer.written() > 0 || client.served() > 0) {
                Console.line("fracture batch export (judge endpoint): " + writer.written() + " judge requests written"
                        + " to " + writer.requestsFile().toAbsolutePath() + " (" + client.served() + " verdict answers"
                        + " were in the cache); run them on the judge's batch engine and import the output like the "
                        + "subject's");
            }
        });
        return client;
    }

    static ChatClient cached(HttpChatClient http, Settings.Engine settings, Deque<AutoCloseable> opened) {
        if (settings.cacheMode() == CacheMode.OFF) {
            return http;
        }
        try {
            Files.createDirectories(settings.cacheDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the response cache directory " + settings.cacheDir()
                    .toAbsolutePath() + " (" + FractureKeys.CACHE_DIR + "): " + e.getMessage(), e);
        }
        ResponseCache cache = ResponseCache.open(settings.cacheDir().resolve(CACHE_FILE));
        opened.push(cache);
        return CachingChatClient.wrap(http, cache, settings.cacheMode());
    }

    /**
     * The batch-export client in place of the model: the runner builds every request as in a live run and the
     * client writes them out. Answers already in the response cache are served, so only what is missing is exported.
     */
    private static ChatClient exporting(HttpChatClient http, Settings.Engine settings, Deque<AutoCloseable> opened,
                                        String method) {
        if (!(http instanceof OpenAiChatClient)) {
            throw new ExtensionConfigurationException(Settings.forMethod(method, FractureKeys.BATCH_EXPORT
                    + " writes OpenAI Batch JSONL (chat-completions bodies), but the subject's provider is '"
                    + settings.client().provider() + "': export from an OpenAI-compatible subject, or remove "
                    + FractureKeys.BATCH_EXPORT));
        }
        ResponseCache cache = exportCache(settings, opened);
        BatchExportWriter writer = BatchExportWriter.into(settings.batchExport().orElseThrow());
        opened.push(writer);
        BatchExportClient client = new BatchExportClient(http.endpointId(), settings.model(), settings.maxTokensField(),
                cache, writer);
        opened.push(() -> Console.line("fracture batch export: " + writer.written() + " requests written to "
                + writer.requestsFile().toAbsolutePath() + " (" + client.served() + " answers were in the cache); "
                + "merge them with: java -jar fracture.jar batch export " + writer.requestsFile().toAbsolutePath()
                .getParent() + " --out requests.jsonl"));
        return client;
    }

    /** The response cache an export serves stored answers from, when there is one to read; else {@code null}. */
    private static ResponseCache exportCache(Settings.Engine settings, Deque<AutoCloseable> opened) {
        if (settings.cacheMode() == CacheMode.OFF || settings.cacheMode() == CacheMode.REFRESH
                || !Files.isRegularFile(settings.cacheDir().resolve(CACHE_FILE))) {
            return null;
        }
        ResponseCache cache = ResponseCache.open(settings.cacheDir().resolve(CACHE_FILE));
        opened.push(cache);
        return cache;
    }

    private static Judge judge(Settings.Engine settings, ChatClient client, String method) {
        JudgeOptions options = settings.judgeModel().map(m -> JudgeOptions.of(client, m)).orElse(JudgeOptions.none());
        try {
            return Judges.create(settings.judge().text(), options);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(Settings.forMethod(method,
                    dev.fracture.core.config.Configuration.invalid(settings.judge(), e.getMessage()
                            + (settings.judgeModel().isEmpty() ? " (model-backed judges need " + FractureKeys.JUDGE_MODEL
                            + ")" : ""))), e);
        }
    }

    @Override
    public RunInfo describe(MeasurementPlan plan, Instant started) {
        Settings.Measurement s = plan.settings();
        return new RunInfo(plan.id(), plan.name(), plan.pool().name(), s.axis(), s.decoder(), s.tau(),
                client.endpointId(), judge.fingerprint(), CueResolver.hashes(plan.cues()), s.placebo(), started);
    }

    @Override
    public Manifest.Subject subject() {
        return subject;
    }

    @Override
    public String cuePlacement() {
        return cuePlacement.key();
    }

    @Override
    public String judge() {
        return judge.fingerprint().display();
    }

    @Override
    public RunResult run(MeasurementPlan plan, Consumer<PromptOutcome> onOutcome) {
        Settings.Measurement s = plan.settings();
        RunSpec spec = new RunSpec(plan.pool().name(), plan.pool().prompts(), s.axis(), s.decoder(), s.tau(),
                plan.cues(), s.placebo(), s.gate().confidence(), s.gate().method(), s.sham());
        if (client instanceof BatchExportClient export) {
            // The outcomes of an export are not measurements (their requests were written, not sent): none is
            // reported, and the measurement fails, so a build that only exported is never green.
            long before = export.exported();
            runner.run(spec, outcome -> { });
            throw new org.opentest4j.AssertionFailedError("not measured: " + FractureKeys.BATCH_EXPORT + " is set, so the "
                    + (export.exported() - before) + " samples of " + plan.name() + " that are not in the response "
                    + "cache were written to " + export.writer().requestsFile().toAbsolutePath() + " instead of being "
                    + "sent; answer them with a batch engine, load the answers with 'fracture batch import', and run "
                    + "again with " + FractureKeys.CACHE_MODE + "=replay-only");
        }
        return runner.run(spec, onOutcome);
    }

    @Override
    public void openBaseline(Settings.Baseline baseline, String method) {
        baselines.arm(baseline, method);
    }

    @Override
    public Manifest.Subject measureBaseline(Settings.Baseline baseline, MeasurementPlan plan, String method,
                                            Consumer<PromptOutcome> onOutcome) {
        BaselineArms.Arm arm = baselines.arm(baseline, method);
        arm.runner().run(BaselineArms.spec(plan), onOutcome);
        return arm.subject();
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
