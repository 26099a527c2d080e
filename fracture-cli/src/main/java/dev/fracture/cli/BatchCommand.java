package dev.fracture.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fracture batch export|import}: hands a suite's request set to a batch engine and loads the answers back. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Runs a suite's model calls on a batch engine (vLLM run-batch, a hosted batch API, Ray or "
                + "Spark over the JSONL) instead of live:",
            "  1. mvn test -Dfracture.batch.export=target/fracture/batch  (writes the requests, measures nothing)",
            "  2. fracture batch export target/fracture/batch --out requests.jsonl",
            "  3. answer requests.jsonl with the batch engine into output.jsonl",
            "  4. fracture batch import output.jsonl --index requests.index.jsonl --cache-dir .fracture/cache",
            "  5. mvn test -Dfracture.cache.mode=replay-only  (gates with zero model calls)"},
        subcommands = {BatchExportCommand.class, BatchImportCommand.class, CommandLine.HelpCommand.class})
final class BatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a sub-command: export or import");
    }
}
