package dev.fracture.cli;

import dev.fracture.core.batch.BatchImport;
import dev.fracture.core.cache.ResponseCache;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fracture batch import OUTPUT.jsonl --cache-dir .fracture/cache}: batch answers into the response cache. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Reads OpenAI Batch output files (custom_id, response.status_code, response.body with "
                + "choices, or error) into the response cache, each answer under its custom_id. Every id is checked "
                + "against the export's index; missing and failed requests are counted and the first few named.",
            "Exit status: 0 every exported request has an answer in the cache (a replay-only run then makes no "
                + "model call); 1 some are missing or failed (answer them and import again: what was imported "
                + "stays); 65 a line is unreadable or names an id the export did not write (another export's "
                + "index?)."})
final class BatchImportCommand implements Callable<Integer> {
    /** The response cache's file inside {@code fracture.cache.dir}, as the JUnit extension opens it. */
    static final String CACHE_FILE = "responses.sqlite";

    @Parameters(arity = "1..*", paramLabel = "OUTPUT", description = "batch output files (JSONL)")
    List<Path> outputs;

    @Option(names = "--index", paramLabel = "FILE", defaultValue = "requests.index.jsonl",
            description = "the index 'batch export' wrote beside the requests (default: ${DEFAULT-VALUE})")
    Path index;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = ".fracture/cache",
            description = "the response cache directory, fracture.cache.dir of the replay run "
                    + "(default: ${DEFAULT-VALUE})")
    Path cacheDir;

    @Option(names = "--replace", description = "overwrite answers the cache holds already (default: keep them)")
    boolean replace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Path p : outputs) {
            if (!Files.isRegularFile(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "output " + p + " does not exist or "
                        + "is not a file");
            }
        }
        if (!Files.isRegularFile(index)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "index " + index + " does not exist; "
                    + "'fracture batch export' writes it beside the request file: pass it with --index");
        }
        Path file = cacheDir.resolve(CACHE_FILE);
        BatchImport.Report r;
        try (ResponseCache cache = ResponseCache.open(file)) {
            r = BatchImport.run(index, outputs, cache, replace);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf("imported %d of %d exported requests into %s (%d were in the cache already%s)%s%n",
                r.imported(), r.expected(), file, r.alreadyCached(), replace ? ", replaced" : ", kept",
                r.duplicates() > 0 ? "; " + r.duplicates() + " repeated lines ignored" : "");
        list(err, "missing", "no line in the output files", r.missing());
        list(err, "failed", "an error, a non-200 status or no usable choice", r.failed());
        list(err, "unknown", "ids the export did not write, not imported", r.unknown());
        if (!r.unknown().isEmpty()) {
            return FractureCli.DATA;
        }
        if (!r.complete()) {
            err.println("a replay-only run would error on these prompts: answer the missing and failed requests "
                    + "and import again");
            return FractureCli.FAIL;
        }
        out.println("complete: run with -Dfracture.cache.mode=replay-only -Dfracture.cache.dir=" + cacheDir);
        return FractureCli.OK;
    }

    private static void list(PrintWriter err, String kind, String meaning, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        err.printf("%s: %d (%s)%n", kind, items.size(), meaning);
        items.stream().limit(BatchImport.SHOWN).forEach(i -> err.println("  " + i));
        if (items.size() > BatchImport.SHOWN) {
            err.println("  … and " + (items.size() - BatchImport.SHOWN) + " more");
        }
    }
}
