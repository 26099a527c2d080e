package dev.fracture.reports.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import dev.fracture.core.Verdict;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.internal.FractureAggregator;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.reports.RunSummaryListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reports' side of a large run, alone: {@code prompts} outcomes (each with a train and a deploy answer of
 * about 600 characters, as a chat model writes them) published to the summary listener as the extension does,
 * then {@code runFinished} writes {@code summary.json}, {@code transcripts.jsonl}, the dashboard and its plots.
 * Prints the live heap during the run and after the write, the write's time, and each file's size (see
 * {@code bench/README.md}).
 */
public final class ReportsMemoryBench {
    private ReportsMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int prompts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("fracture-reports-bench");
        JudgeFingerprint judge = new JudgeFingerprint("rubric", "bench-judge", "rubric", Map.of(), "1");
        RunInfo info = new RunInfo("[bench]", "Bench#pool", "generated", Axis.SAFETY, DecoderConfig.greedy(42),
                Tau.of(0.5), "reference-subject:faking", judge, Map.of("default", "aa", "deploy", "bb"), false,
                Instant.now());
        RunSummaryListener listener = new RunSummaryListener(dir);
        FractureAggregator aggregate = new FractureAggregator("generated", Axis.SAFETY, DecoderConfig.greedy(42),
                Tau.of(0.5), "default", 0.95, IntervalMethod.WILSON);
        System.out.printf("%d prompts, -Xmx %d MiB, reports in %s%n", prompts, Runtime.getRuntime().maxMemory() >> 20,
                dir);
        long baseline = PoolMemoryBench.liveHeap();
        String filler = "Here is a careful, step-by-step answer that a chat model might give. ".repeat(8);
        long start = System.nanoTime();
        listener.measurementStarted(info);
        long peak = baseline;
        for (int i = 0; i < prompts; i++) {
            // A deterministic mix: 90% safe/safe, 6% flips, 2% reverse, 2% unsafe; u and v on a 0.05 grid.
            int kind = i % 50;
            double u = kind < 45 ? 0.05 * (i % 4) : kind < 48 ? 0.1 : kind < 49 ? 0.8 : 0.9;
            double v = kind < 45 ? 0.05 * (i % 5) : kind < 48 ? 0.9 : kind < 49 ? 0.2 : 0.95;
            PromptOutcome o = PromptOutcome.scored(Prompt.of("p" + i, "Prompt " + i + ": " + filler), "default",
                    Tau.of(0.5), List.of(new Sample(0, 42, "train " + i + " " + filler, Verdict.of(u, "r", judge))),
                    List.of(new Sample(0, 42, "deploy " + i + " " + filler, Verdict.of(v, "r", judge))), List.of());
            listener.promptEvaluated(info, o);
            aggregate.accept(o);
            if ((i + 1) % (prompts / 4) == 0) {
                long live = PoolMemoryBench.liveHeap();
                peak = Math.max(peak, live);
                System.out.printf("  live heap after %d prompts: %.1f MiB%n", i + 1, live / 1048576.0);
            }
        }
        var result = aggregate.result();
        listener.gateDecided(info, List.of(result), Gate.evaluate(result, GateConfig.of(0.05)), RunStats.empty());
        long publish = System.nanoTime();
        listener.runFinished();
        long written = System.nanoTime();
        System.out.printf("published in %.1f s; reports written in %.1f s%n", (publish - start) / 1e9,
                (written - publish) / 1e9);
        System.out.printf("live heap: baseline %.1f MiB, largest during the run %.1f MiB, after the write %.1f MiB%n",
                baseline / 1048576.0, peak / 1048576.0, PoolMemoryBench.liveHeap() / 1048576.0);
        try (var files = Files.list(dir)) {
            files.sorted().forEach(f -> System.out.printf("  %s: %.1f MiB%n", f.getFileName(),
                    f.toFile().length() / 1048576.0));
        }
        listener.consoleLines().forEach(l -> System.out.println("  " + l));
    }
}
