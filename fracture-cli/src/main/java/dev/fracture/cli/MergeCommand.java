package dev.fracture.cli;

import dev.fracture.reports.Dashboard;
import dev.fracture.reports.SummaryJson;
import dev.fracture.reports.SummaryMerger;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fracture merge out.json in1.json in2.json ...}: pools shard summaries and decides the merged gates. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merges the summaries of shards of one suite (the same measurements over parts of a pool) into "
                + "one, re-decides every gate on the pooled counts, and writes the dashboard beside the output.",
            "Shards run with fracture.gate.mode=sequential are not pooled for the gate: the betting sequence is "
                + "replayed over the shards in the order given here, stopping at the first look that decides. Fix "
                + "that order before seeing the shards and never change it afterwards; a fixed-mode merge is one "
                + "look, and merging again after adding shards is a second one.",
            "The exit status is the merged verdict, so a pipeline step can gate on it."})
final class MergeCommand implements Callable<Integer> {
    enum FailOn { FAIL, INCONCLUSIVE, NEVER }

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "the merged summary.json to write")
    Path output;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT", description = "shard summaries to merge; "
            + "sequential shards are replayed in this order")
    List<Path> inputs;

    @Option(names = "--no-dashboard", description = "write only the merged summary, no index.html")
    boolean noDashboard;

    @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "INCONCLUSIVE", converter = FailOnConverter.class,
            description = "non-zero exit when a merged gate is: fail (1 on FAIL), inconclusive (1 on FAIL, 2 on "
                    + "INCONCLUSIVE; the default), never (always 0 once merged)")
    FailOn failOn;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<RunSummary> summaries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.isRegularFile(in)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "summary " + in
                        + " does not exist or is not a file");
            }
            summaries.add(SummaryJson.read(in));
            names.add(in.toString());
        }
        RunSummary merged = new SummaryMerger().merge(summaries, names);
        SummaryJson.write(merged, output);
        Path dir = output.toAbsolutePath().getParent();
        if (!noDashboard) {
            Dashboard.write(merged, dir);
        }
        RunSummary.Totals t = merged.totals();
        spec.commandLine().getOut().printf("merged %d summaries into %s: %d measurements (%d pass, %d fail, "
                        + "%d inconclusive, %d incomplete, %d informational)%s%n", summaries.size(), output,
                t.measurements(), t.pass(), t.fail(), t.inconclusive(), t.incomplete(), t.informational(),
                noDashboard ? "" : "; dashboard in " + dir);
        for (RunSummary.Measurement m : merged.measurements()) {
            m.gated().map(c -> c.gate()).filter(g -> g.sequential() != null && g.sequential().merged())
                    .ifPresent(g -> spec.commandLine().getOut().println(sequentialLine(m, g)));
        }
        baselineNote(summaries, names).ifPresent(spec.commandLine().getOut()::println);
        if (failOn != FailOn.NEVER && t.fail() > 0) {
            return FractureCli.FAIL;
        }
        if (failOn == FailOn.INCONCLUSIVE && t.inconclusive() + t.incomplete() > 0) {
            return FractureCli.INCONCLUSIVE;
        }
        return FractureCli.OK;
    }

    /** One line per sequential merge: the decision, the shard that decided and what the replay used. */
    static String sequentialLine(RunSummary.Measurement m, RunSummary.Gate g) {
        RunSummary.Sequential s = g.sequential();
        String where = s.decidedInShard() == null ? "no shard decided"
                : "decided in shard " + s.decidedInShard() + " of " + s.shards() + " (" + s.decidedIn() + ")";
        return String.format(java.util.Locale.ROOT, "  sequential %s: %s, %s, after %d of %d prompts (%d calls); %d"
                        + " %s not used%s", m.name(), g.outcome(), where, s.used(), s.poolSize(), s.callsUsed(),
                s.saved(), s.saved() == 1 ? "prompt" : "prompts",
                s.measuredNotNeeded() == null || s.measuredNotNeeded() == 0 ? ""
                        : ", " + s.measuredNotNeeded() + " of them measured after the deciding look");
    }

    /**
     * Shards that ran a baseline regression gate (`fracture.baseline.*`) keep their verdicts in their own files; the
     * merged summary carries none, so the merge says so instead of dropping them silently.
     */
    static java.util.Optional<String> baselineNote(List<RunSummary> summaries, List<String> names) {
        java.util.Map<String, List<String>> verdicts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < summaries.size(); i++) {
            for (RunSummary.Measurement m : summaries.get(i).measurements()) {
                if (m.baseline() != null) {
                    verdicts.computeIfAbsent(m.name(), k -> new ArrayList<>())
                            .add(names.get(i) + " " + m.baseline().outcome());
                }
            }
        }
        if (verdicts.isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder out = new StringBuilder("  baseline regression verdicts are per shard and not merged (the merged"
                + " summary has none); for one verdict over the pool, run `fracture compare BASELINE.json "
                + "MERGED.json` against the baseline's merged summary:");
        verdicts.forEach((name, list) -> out.append(System.lineSeparator()).append("    ").append(name).append(": ")
                .append(String.join(", ", list)));
        return java.util.Optional.of(out.toString());
    }

    static final class FailOnConverter implements CommandLine.ITypeConverter<FailOn> {
        @Override
        public FailOn convert(String value) {
            try {
                return FailOn.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of fail, inconclusive, "
                        + "never");
            }
        }
    }
}
