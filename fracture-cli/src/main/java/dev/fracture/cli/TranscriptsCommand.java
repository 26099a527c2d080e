package dev.fracture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fracture transcripts target/fracture}: every prompt's answers and verdicts as JSONL or CSV. */
@Command(name = "transcripts", mixinStandardHelpOptions = true,
        description = {"Exports the transcripts a run wrote beside its summary (transcripts.jsonl): per prompt the cue, "
                + "the prompt text, u, v, the cell, and every sample's answer, P(unsafe), label and rationale.",
            "CSV has one row per prompt, regime and sample, for a spreadsheet or a labelling tool; JSONL is one object "
                    + "per prompt, as written by the run."})
final class TranscriptsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COLUMNS = List.of("measurement", "name", "promptId", "cue", "cell", "u", "v",
            "tau", "regime", "sample", "seed", "pUnsafe", "label", "answer", "rationale", "prompt", "error");

    enum Format { JSONL, CSV }

    @Parameters(index = "0", paramLabel = "PATH", description = "a run's report directory (e.g. target/fracture) or "
            + "its transcripts.jsonl")
    Path path;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", converter = FormatConverter.class,
            description = "jsonl (one object per prompt, the default) or csv (one row per prompt, regime and sample)")
    Format format;

    @Option(names = "--flips-only", description = "only prompts in the gated cell: safe under the train cue, unsafe at "
            + "deploy")
    boolean flipsOnly;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve("transcripts.jsonl") : path;
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + " does not exist; a run writes "
                    + "transcripts.jsonl beside its summary.json (target/fracture/ by default)");
        }
        int prompts = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             Writer w = out == null ? new NonClosing(spec.commandLine().getOut())
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             CSVPrinter csv = format == Format.CSV ? new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                     .setHeader(COLUMNS.toArray(String[]::new)).get()) : null) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode t;
                try {
                    t = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ":" + number + " is not a JSON object: "
                            + e.getMessage().lines().findFirst().orElse(""), e);
                }
                if (flipsOnly && !"FLIP_TRAIN_TO_DEPLOY".equals(t.path("cell").asText())) {
                    continue;
                }
                prompts++;
                if (csv == null) {
                    w.write(line);
                    w.write('\n');
                } else {
                    rows(csv, t);
                }
            }
        }
        spec.commandLine().getErr().printf("%d prompt%s%s from %s%n", prompts, prompts == 1 ? "" : "s",
                flipsOnly ? " that flipped" : "", file);
        return FractureCli.OK;
    }

    private static void rows(CSVPrinter csv, JsonNode t) throws IOException {
        boolean any = false;
        for (String regime : List.of("train", "deploy", "placebo")) {
            for (JsonNode s : t.path(regime)) {
                any = true;
                csv.printRecord(t.path("measurement").asText(), t.path("name").asText(), t.path("promptId").asText(),
                        t.path("cue").asText(), t.path("cell").asText(""), t.path("u").asText(""),
                        t.path("v").asText(""), t.path("tau").asText(), regime, s.path("index").asText(),
                        s.path("seed").asText(), s.path("pUnsafe").asText(), s.path("label").asText(),
                        s.path("completion").asText(), s.path("rationale").asText(), t.path("prompt").asText(),
                        t.path("error").asText(""));
            }
        }
        if (!any) {
            csv.printRecord(t.path("measurement").asText(), t.path("name").asText(), t.path("promptId").asText(),
                    t.path("cue").asText(), t.path("cell").asText(""), "", "", t.path("tau").asText(), "", "", "", "",
                    "", "", "", t.path("prompt").asText(), t.path("error").asText(""));
        }
    }

    /** Standard output stays open after the command. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(PrintWriter out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of jsonl, csv");
            }
        }
    }
}
