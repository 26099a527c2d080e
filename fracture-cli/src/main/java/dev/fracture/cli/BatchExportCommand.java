package dev.fracture.cli;

import dev.fracture.core.batch.BatchExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fracture batch export DIR --out requests.jsonl}: one OpenAI Batch input file from a run's export. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Merges the request files a run wrote with -Dfracture.batch.export=DIR into OpenAI Batch "
                + "input JSONL (custom_id, method, url, body: the chat-completions request the runner builds, one "
                + "per prompt, regime and sample, n = 1 with seed + i), one line per distinct custom_id, and writes "
                + "the index that 'batch import' checks the answers against.",
            "A custom_id is the response-cache key of its sample (64 hex characters)."})
final class BatchExportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "the export directory (or request files in it)")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "requests.jsonl",
            description = "the batch input file to write (default: ${DEFAULT-VALUE}); its index is written beside "
                    + "it as <name>.index.jsonl")
    Path out;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "50000",
            description = "most lines per file; more are split into <name>-001.jsonl, <name>-002.jsonl, … "
                    + "(default: ${DEFAULT-VALUE}, OpenAI's limit per batch)")
    int maxRequests;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (maxRequests < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-requests " + maxRequests
                    + " is outside the allowed range [1, +inf)");
        }
        for (Path in : inputs) {
            if (!java.nio.file.Files.exists(in)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "input " + in + " does not exist; "
                        + "name the directory a run wrote with -Dfracture.batch.export=<directory>");
            }
        }
        BatchExport.Result r = BatchExport.merge(inputs, out, maxRequests);
        var w = spec.commandLine().getOut();
        w.printf("exported %d requests from %d request file%s (%d duplicate%s left out) into %s; index %s%n",
                r.requests(), r.sources(), r.sources() == 1 ? "" : "s", r.duplicates(),
                r.duplicates() == 1 ? "" : "s", r.files().size() == 1 ? r.files().get(0) : r.files().size()
                        + " files " + r.files().get(0) + " … " + r.files().get(r.files().size() - 1), r.index());
        w.printf("next: answer them with a batch engine, then: fracture batch import OUTPUT.jsonl --index %s "
                + "--cache-dir .fracture/cache%n", r.index());
        return FractureCli.OK;
    }
}
