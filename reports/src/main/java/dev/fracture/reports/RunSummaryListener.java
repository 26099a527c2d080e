package dev.fracture.reports;

import dev.fracture.core.FractureResult;
import dev.fracture.core.config.Configuration;
import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.FractureListener;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.internal.ManifoldSettings;
import dev.fracture.reports.internal.MeasurementCollector;
import dev.fracture.reports.internal.SerialWorker;
import dev.fracture.reports.internal.SummaryGeometry;
import dev.fracture.reports.internal.TranscriptLog;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Writes the run summary ({@code summary.json}) and the HTML dashboard at the end of every engine run.
 *
 * <p>Found by {@link java.util.ServiceLoader}; thread-safe: prompts of parallel invocations are collected
 * concurrently. The directory is {@value #DIR_KEY} (system property), default {@value #DEFAULT_DIR}
 * relative to the working directory (the module directory under Maven). A run without measurements
 * writes nothing, so it never overwrites an earlier summary with an empty one; a run that measured only some
 * methods (a partial rerun) keeps the other measurements of the summary it finds, marked as carried over
 * ({@link ReportFiles}). Transcripts are streamed to a staging file as prompts arrive and written beside the
 * summary as {@code transcripts.jsonl}.
 *
 * <p>Every measurement gets the Stackelberg Response Frontier's dominance and median lift with intervals
 * and the paper's four numbers; measurements that differ only in temperature and top-p and fill a grid
 * get a Flip-Landscape with its decoder cap. Manifold Flows are computed only with {@value #MANIFOLD_KEY}
 * {@code =true} and the all-MiniLM-L6-v2 jar on the classpath.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class RunSummaryListener implements FractureListener {

    /** The directory of {@code summary.json} and the dashboard. */
    public static final String DIR_KEY = FractureKeys.REPORTS_DIR.name();
    /** Default of {@value #DIR_KEY}. */
    public static final String DEFAULT_DIR = FractureKeys.REPORTS_DIR.defaultText().orElseThrow();
    /** {@code false} writes the summary without the HTML dashboard. Default {@code true}. */
    public static final String DASHBOARD_KEY = FractureKeys.REPORTS_DASHBOARD.name();
    /** The summary's file name inside the reports directory. */
    public static final String SUMMARY_FILE = "summary.json";
    /**
     * System property: {@code true} computes Manifold Flows (needs the all-MiniLM-L6-v2 jar on the test
     * classpath). Default {@code false}: embedding costs about 20 ms per answer.
     */
    public static final String MANIFOLD_KEY = ManifoldSettings.ENABLED_KEY;
    /** System property: at most this many prompts per measurement are embedded (a deterministic sample). Default 200. */
    public static final String MANIFOLD_MAX_PROMPTS_KEY = ManifoldSettings.MAX_PROMPTS_KEY;

    private final Map<String, MeasurementCollector> measurements = new ConcurrentHashMap<>();
    private final Supplier<Path> directory;
    private final Clock clock;
    private final Supplier<ManifoldSettings> manifoldSettings;
    private ManifoldSettings manifold;
    private final List<String> written = new ArrayList<>();
    private TranscriptLog transcripts;
    /** Records the prompts off the JUnit thread; at most this many wait, each holding one outcome. */
    private final SerialWorker worker = new SerialWorker("fracture-summary", 256);

    /**
     * The ServiceLoader constructor: the directory is read from {@value #DIR_KEY} (any configuration source) when
     * the run finishes.
     */
    public RunSummaryListener() {
        this(() -> Configuration.standalone().value(FractureKeys.REPORTS_DIR), Clock.systemUTC(),
                ManifoldSettings::fromSystemProperties);
    }

    /** Writes into a fixed directory. */
    public RunSummaryListener(Path directory) {
        this(() -> directory, Clock.systemUTC(), ManifoldSettings::fromSystemProperties);
    }

    /** Writes into a fixed directory; Manifold Flows as {@code manifold} says. */
    RunSummaryListener(Path directory, ManifoldSettings manifold) {
        this(() -> directory, Clock.systemUTC(), () -> manifold);
    }

    RunSummaryListener(Supplier<Path> directory, Clock clock, Supplier<ManifoldSettings> manifold) {
        this.directory = directory;
        this.clock = clock;
        this.manifoldSettings = manifold;
    }

    @Override
    public void measurementStarted(RunInfo info) {
        collector(info);
    }

    /**
     * Hands the prompt to the summary's own thread, which adds its frontier point and counters and writes its
     * transcript line, in the order the prompts arrive; the JUnit thread does not wait for the writing. A prompt that
     * could not be recorded fails the reports when the run finishes.
     */
    @Override
    public void promptEvaluated(RunInfo info, PromptOutcome outcome) {
        MeasurementCollector collector = collector(info);
        TranscriptLog log = transcripts();
        worker.submit(() -> {
            collector.add(outcome);
            log.add(info, outcome);
        });
    }

    @Override
    public void lockChecked(RunInfo info, String lockId, String file, List<String> differences, int attempt) {
        collector(info).locked(lockId, file, differences, attempt);
    }

    @Override
    public void baselineCompared(RunInfo info, String baseline, dev.fracture.core.gate.PairedRegression.Result result,
                                 double delta, double confidence, boolean failsGate) {
        collector(info).baselineCompared(baseline, result, delta, confidence, failsGate);
    }

    @Override
    public void gateDecided(RunInfo info, List<FractureResult> results, GateResult gate, RunStats stats) {
        collector(info).decided(results, gate, stats, clock.instant());
    }

    /**
     * Writes the reports, or fails: when any file cannot be written, the previous run's summary and dashboard are
     * removed (a pipeline must not read an old PASS beside this run) and the exception names the file and the fix.
     */
    @Override
    public void runFinished() {
        try {
            worker.flush("prompt(s) could not be added to the run summary and its transcripts");
        } catch (RuntimeException e) {
            synchronized (this) {
                if (transcripts != null) {
                    transcripts.close();
                    transcripts = null;
                }
                measurements.clear();
            }
            throw e;
        }
        TranscriptLog log;
        RunSummary summary;
        synchronized (this) {
            log = transcripts;
            transcripts = null;
            try {
                summary = drain();
            } catch (OutOfMemoryError e) {
                measurements.clear(); // garbage now: room to say so
                if (log != null) {
                    log.close();
                }
                throw ReportFiles.outOfMemory(directory.get(), e);
            }
        }
        if (summary == null) {
            if (log != null) {
                log.close();
            }
            return;
        }
        if (log == null) {
            log = TranscriptLog.open();
        }
        Path dir = directory.get();
        List<String> lines = new ArrayList<>();
        try {
            ReportFiles.write(summary, log, dir, Configuration.standalone().value(FractureKeys.REPORTS_DASHBOARD),
                    lines);
        } finally {
            log.close();
            synchronized (this) {
                written.clear();
                written.addAll(lines);
            }
        }
    }

    @Override
    public synchronized List<String> consoleLines() {
        return List.copyOf(written);
    }

    /** The summary of everything collected so far, and a clean slate for the next engine run in this JVM. */
    synchronized RunSummary drain() {
        worker.flush("prompt(s) could not be added to the run summary and its transcripts");
        List<MeasurementCollector> collected = new ArrayList<>(measurements.values());
        measurements.clear();
        if (collected.isEmpty()) {
            return null;
        }
        String generatedAt = Instant.now(clock).toString();
        // Tests start and finish in thread order under parallel execution: sorting by name, then id, makes two
        // identical runs write identical files (apart from timestamps and timings).
        List<MeasurementCollector.Collected> list = collected.stream().map(MeasurementCollector::toMeasurement)
                .sorted(Comparator.comparing((MeasurementCollector.Collected c) -> c.measurement().name())
                        .thenComparing(c -> c.measurement().id()))
                .toList();
        return SummaryGeometry.assemble(generatedAt,
                list.stream().map(c -> c.measurement().withProtocol(c.measurement().subject(),
                        c.measurement().manifest(), c.measurement().lock(), generatedAt)).toList(),
                list.stream().map(MeasurementCollector.Collected::noManifold).toList(), List.of());
    }

    private synchronized TranscriptLog transcripts() {
        if (transcripts == null) {
            transcripts = TranscriptLog.open();
        }
        return transcripts;
    }

    /** Read once, on the first measurement: the embedder it loads is reused by every later engine run. */
    private synchronized ManifoldSettings manifold() {
        if (manifold == null) {
            manifold = manifoldSettings.get();
        }
        return manifold;
    }

    private MeasurementCollector collector(RunInfo info) {
        return measurements.computeIfAbsent(info.id(), id -> new MeasurementCollector(info, manifold()));
    }
}
