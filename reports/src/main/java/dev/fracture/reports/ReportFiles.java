package dev.fracture.reports;

import dev.fracture.reports.internal.SummaryGeometry;
import dev.fracture.reports.internal.TranscriptLog;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes one run's report files into the reports directory, so that they never lie.
 *
 * <ul>
 *   <li>Every file is written atomically (temporary file, mode 0644, one move); {@code summary.json} is written
 *       last, so it exists only when the transcripts and the dashboard beside it are this run's.</li>
 *   <li>When a file cannot be written, the previous run's {@code summary.json}, {@code index.html} and
 *       {@code transcripts.jsonl} are removed and the write fails with the file and the fix: a pipeline then
 *       finds no summary rather than an old PASS.</li>
 *   <li>A run that measured only some methods (e.g. {@code -Dtest=Suite#oneMethod}) keeps the other measurements
 *       of the summary it finds, each marked {@code carriedOver} with the {@code measuredIn} of its own run, and
 *       their transcripts; the measurements it did run replace theirs (matched by measurement id). The console
 *       and the dashboard say how many were carried over. {@code mvn clean} (or deleting the directory) starts
 *       afresh.</li>
 *   <li>Plot files of an earlier, larger run that this run does not write are deleted.</li>
 * </ul>
 */
final class ReportFiles {
    /** The plot files the dashboard writes; others in the directory are left alone. */
    private static final Pattern PLOT = Pattern.compile("(m\\d+-(frontier|cues|manifold)|landscape-\\d+)\\.svg");

    private ReportFiles() {
    }

    static void write(RunSummary current, TranscriptLog log, Path dir, boolean dashboard, List<String> lines) {
        Path summaryFile = dir.resolve(RunSummaryListener.SUMMARY_FILE);
        RunSummary summary = current;
        Set<String> measured = new HashSet<>();
        current.measurements().forEach(m -> measured.add(m.id()));
        Optional<EarlierSummary> earlier;
        try {
            earlier = readEarlier(summaryFile, measured, lines);
        } catch (OutOfMemoryError e) {
            // Only measurements carried over are held: a partial rerun beside a very large earlier one.
            throw outOfMemory(dir, e);
        }
        if (earlier.isPresent() && !earlier.get().carried().isEmpty()) {
            List<RunSummary.Measurement> kept = earlier.get().carried().stream()
                    .map(RunSummary.Measurement::asCarriedOver).toList();
            summary = merged(current, kept);
            Set<String> keptIds = new HashSet<>();
            kept.forEach(m -> keptIds.add(m.id()));
            log.carryOver(dir.resolve(TranscriptLog.FILE), keptIds::contains);
            lines.add("carried over " + kept.size() + " measurement(s) not run this time from the summary of "
                    + earlier.get().generatedAt() + " (a partial run measured " + current.measurements().size()
                    + "); run the whole suite, or delete " + summaryFile + ", to replace them");
        }
        try {
            Files.createDirectories(dir);
            Path transcripts = dir.resolve(TranscriptLog.FILE);
            copyIntoPlace(log.finish(), transcripts);
            summary = summary.withTranscripts(TranscriptLog.FILE);
            if (dashboard) {
                List<Path> pages = Dashboard.write(summary, dir);
                deleteStalePlots(dir, pages);
                lines.add("dashboard: " + dir.resolve(Dashboard.INDEX));
            } else {
                Files.deleteIfExists(dir.resolve(Dashboard.INDEX)); // an old page would contradict this summary
            }
            SummaryJson.write(summary, summaryFile);
            lines.add(0, "summary: " + summaryFile + " (" + summary.verdict() + ")");
            lines.add("transcripts: " + transcripts);
        } catch (OutOfMemoryError e) {
            // Fail at once with a message (an error escaping here could leave the run hanging without one); the
            // summary built so far is garbage now, so there is room to remove the old files and say so.
            throw outOfMemory(dir, e);
        } catch (RuntimeException | IOException e) {
            List<String> left = invalidate(dir);
            throw new IllegalStateException("the Fracture reports in " + dir.toAbsolutePath() + " were not written ("
                    + e.getMessage() + "); the previous run's summary.json, index.html and transcripts.jsonl were "
                    + "removed so that no out-of-date result can be read" + (left.isEmpty() ? ""
                    : ", except these, which could not be removed and are STALE: " + left)
                    + "; fix the directory (writable, space left) or set " + RunSummaryListener.DIR_KEY
                    + "=<dir>, and rerun", e);
        }
    }

    /**
     * The failure for a JVM that ran out of memory building or writing the reports, after removing the previous
     * run's reports (the summary built so far is garbage by now, so there is room to do so).
     */
    static IllegalStateException outOfMemory(Path dir, OutOfMemoryError e) {
        List<String> left = invalidate(dir);
        return new IllegalStateException("the Fracture reports in " + dir.toAbsolutePath() + " were not written: "
                + "the JVM ran out of memory (" + e.getMessage() + ", -Xmx " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB); the previous run's reports were removed" + (left.isEmpty() ? "" : " except these STALE "
                + "files: " + left) + "; give the test JVM more heap (Surefire argLine -Xmx…; the summary is assembled "
                + "with each prompt's frontier point in memory as columns, about 40 bytes plus twice its id's length) or split the pool into shards "
                + "(fracture.shard)", e);
    }

    /**
     * The earlier summary in the directory, when there is one this version reads: its date and the measurements not
     * measured now, streamed ({@link EarlierSummary}) so that a large earlier summary is never held whole.
     */
    private static Optional<EarlierSummary> readEarlier(Path file, Set<String> measured, List<String> lines) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EarlierSummary.read(file, measured));
        } catch (RuntimeException e) {
            lines.add("replaced an unreadable earlier summary (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static RunSummary merged(RunSummary current, List<RunSummary.Measurement> kept) {
        List<RunSummary.Measurement> all = Stream.concat(current.measurements().stream(), kept.stream())
                .sorted(Comparator.comparing(RunSummary.Measurement::name).thenComparing(RunSummary.Measurement::id))
                .toList();
        List<String> noManifold = all.stream().map(m -> m.paperNumbers() == null
                || m.paperNumbers().manifoldEntry() == null ? "" : String.valueOf(m.paperNumbers().manifoldEntry().note()))
                .toList();
        return SummaryGeometry.assemble(current.generatedAt(), all, noManifold, List.of());
    }

    private static void copyIntoPlace(Path staged, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.copy(staged, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files2.moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteStalePlots(Path dir, List<Path> written) throws IOException {
        Set<Path> keep = new HashSet<>();
        written.forEach(p -> keep.add(p.getFileName()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (PLOT.matcher(f.getFileName().toString()).matches() && !keep.contains(f.getFileName())) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Removes the previous run's reports; returns those that could not be removed. */
    private static List<String> invalidate(Path dir) {
        List<String> left = new ArrayList<>();
        for (String name : List.of(RunSummaryListener.SUMMARY_FILE, Dashboard.INDEX, TranscriptLog.FILE)) {
            Path file = dir.resolve(name);
            try {
                Files.deleteIfExists(file);
            } catch (IOException | UncheckedIOException e) {
                left.add(file.toString());
            }
        }
        return left;
    }
}
