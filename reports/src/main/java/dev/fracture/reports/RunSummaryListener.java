package dev.fracture.reports;

import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.FractureListener;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.internal.MeasurementCollector;
import dev.fracture.reports.internal.SummaryMapping;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes the run summary ({@code summary.json}) and the HTML dashboard at the end of every engine run.
 *
 * <p>Found by {@link java.util.ServiceLoader}; thread-safe: prompts of parallel invocations are collected
 * concurrently. The directory is {@value #DIR_KEY} (system property), default {@value #DEFAULT_DIR}
 * relative to the working directory (the module directory under Maven). A run without measurements
 * writes nothing, so it never overwrites an earlier summary with an empty one.
 */
public final class RunSummaryListener implements FractureListener {

    /** System property: the directory of {@code summary.json} and the dashboard. */
    public static final String DIR_KEY = "fracture.reports.dir";
    /** Default of {@value #DIR_KEY}. */
    public static final String DEFAULT_DIR = "target/fracture";
    /** System property: {@code false} writes the summary without the HTML dashboard. Default {@code true}. */
    public static final String DASHBOARD_KEY = "fracture.reports.dashboard";
    /** The summary's file name inside the reports directory. */
    public static final String SUMMARY_FILE = "summary.json";

    private final Map<String, MeasurementCollector> measurements = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Supplier<Path> directory;
    private final Clock clock;

    /** The ServiceLoader constructor: the directory is read from {@value #DIR_KEY} when the run finishes. */
    public RunSummaryListener() {
        this(() -> Path.of(System.getProperty(DIR_KEY, DEFAULT_DIR)), Clock.systemUTC());
    }

    /** Writes into a fixed directory. */
    public RunSummaryListener(Path directory) {
        this(() -> directory, Clock.systemUTC());
    }

    RunSummaryListener(Supplier<Path> directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void measurementStarted(RunInfo info) {
        collector(info);
    }

    @Override
    public void promptEvaluated(RunInfo info, PromptOutcome outcome) {
        collector(info).add(outcome);
    }

    @Override
    public void gateDecided(RunInfo info, List<FractureResult> results, GateResult gate, RunStats stats) {
        collector(info).decided(results, gate, stats, clock.instant());
    }

    @Override
    public void runFinished() {
        RunSummary summary = drain();
        if (summary == null) {
            return;
        }
        Path dir = directory.get();
        SummaryJson.write(summary, dir.resolve(SUMMARY_FILE));
        if (!"false".equalsIgnoreCase(System.getProperty(DASHBOARD_KEY, "true").trim())) {
            Dashboard.write(summary, dir);
        }
    }

    /** The summary of everything collected so far, and a clean slate for the next engine run in this JVM. */
    synchronized RunSummary drain() {
        List<MeasurementCollector> collected = new ArrayList<>(measurements.values());
        measurements.clear();
        if (collected.isEmpty()) {
            return null;
        }
        collected.sort(Comparator.comparingLong(MeasurementCollector::sequence));
        List<RunSummary.Measurement> list = collected.stream().map(MeasurementCollector::toMeasurement).toList();
        return new RunSummary(RunSummary.SCHEMA, Instant.now(clock).toString(), SummaryMapping.totals(list), list,
                null);
    }

    private MeasurementCollector collector(RunInfo info) {
        return measurements.computeIfAbsent(info.id(), id -> new MeasurementCollector(info, sequence.getAndIncrement()));
    }
}
