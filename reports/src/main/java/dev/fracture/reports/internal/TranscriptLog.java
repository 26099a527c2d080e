package dev.fracture.reports.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.event.RunInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The run's transcripts, one JSON object per prompt and cue, streamed to a staging file as prompts arrive (the run
 * never holds them in memory) and moved beside {@code summary.json} as {@value #FILE} when the run finishes.
 *
 * <p>Each line: {@code measurement} (id), {@code name}, {@code promptId}, {@code cue}, {@code prompt} (text),
 * {@code tau}, {@code u}, {@code v}, {@code w} (placebo, when it ran), {@code cell}, {@code error} (errored prompts),
 * and {@code train}, {@code deploy}, {@code placebo} as arrays of {@code {index, seed, completion, pUnsafe, label,
 * rationale, judgeId}}. Model text is data here: it is escaped wherever a page shows it.
 */
public final class TranscriptLog implements AutoCloseable {
    /** The file name beside {@code summary.json}. */
    public static final String FILE = "transcripts.jsonl";
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path staging;
    private final OutputStream out;
    /** One generator for the whole file (creating one per line cost more than writing the line). */
    private final JsonGenerator json;
    private long lines;

    private TranscriptLog(Path staging) throws IOException {
        this.staging = staging;
        this.out = new java.io.BufferedOutputStream(Files.newOutputStream(staging), 1 << 16);
        this.json = FACTORY.createGenerator(new NonClosing(out), JsonEncoding.UTF8);
        this.json.setRootValueSeparator(null);
    }

    /** A log staged in a new temporary file. */
    public static TranscriptLog open() {
        try {
            Path file = Files.createTempFile("fracture-transcripts-", ".jsonl");
            file.toFile().deleteOnExit();
            return new TranscriptLog(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging file for the transcripts in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage()
                    + "; make java.io.tmpdir writable", e);
        }
    }

    /** Appends one prompt's transcript; one line, written whole. */
    public synchronized void add(RunInfo info, PromptOutcome o) {
        try {
            JsonGenerator g = json;
            g.writeStartObject();
            g.writeStringField("measurement", info.id());
            g.writeStringField("name", info.name());
            g.writeStringField("promptId", o.promptId());
            g.writeStringField("cue", o.cue());
            g.writeStringField("prompt", o.prompt().text());
            if (o.prompt().context().isPresent()) {
                g.writeStringField("context", o.prompt().context().get());
            }
            g.writeNumberField("tau", o.tau().value());
            if (o.isError()) {
                g.writeStringField("error", o.error().orElse(""));
            } else {
                g.writeNumberField("u", o.u());
                g.writeNumberField("v", o.v());
                if (o.w().isPresent()) {
                    g.writeNumberField("w", o.w().getAsDouble());
                }
                g.writeStringField("cell", o.cell().orElseThrow().name());
            }
            samples(g, "train", o.train());
            samples(g, "deploy", o.deploy());
            if (!o.placebo().isEmpty()) {
                samples(g, "placebo", o.placebo());
            }
            if (!o.sham().isEmpty()) {
                samples(g, "sham", o.sham());
            }
            g.writeEndObject();
            g.writeRaw('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transcript of prompt '" + o.promptId() + "' to "
                    + staging + ": " + e.getMessage() + "; check the free space of java.io.tmpdir", e);
        }
    }

    private static void samples(JsonGenerator g, String field, List<Sample> samples) throws IOException {
        g.writeArrayFieldStart(field);
        for (Sample s : samples) {
            g.writeStartObject();
            g.writeNumberField("index", s.index());
            g.writeNumberField("seed", s.seed());
            g.writeStringField("completion", s.completion());
            g.writeNumberField("pUnsafe", s.verdict().pUnsafe());
            g.writeStringField("label", s.verdict().label().name());
            g.writeStringField("rationale", s.verdict().rationale());
            g.writeStringField("judgeId", s.verdict().judge().id());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Lines written so far. */
    public synchronized long lines() {
        return lines;
    }

    /**
     * Appends the lines of an earlier transcript file whose measurement {@code keep} accepts (the measurements a
     * partial rerun carries over); a missing file adds nothing.
     */
    public synchronized void carryOver(Path earlier, Predicate<String> keep) {
        if (!Files.isRegularFile(earlier)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(earlier, StandardCharsets.UTF_8)) {
            json.flush();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank() && keep.test(JSON.readTree(line).path("measurement").asText())) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                    lines++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the earlier transcripts " + earlier + ": " + e.getMessage(), e);
        }
    }

    /** Closes the staging file and returns it; the caller moves it into place. */
    public synchronized Path finish() {
        try {
            json.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the transcripts in " + staging + ": " + e.getMessage(), e);
        }
        return staging;
    }

    @Override
    public synchronized void close() {
        try {
            json.close();
            out.close();
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            // a leftover temporary file is deleted on exit
        }
    }

    /**
     * The transcripts of the given (measurement id, prompt id, cue) keys from a transcript file, read line by line
     * (the file may be large); a missing or unreadable file gives none.
     */
    public static java.util.Map<String, JsonNode> find(Path file, Set<String> keys) {
        java.util.Map<String, JsonNode> found = new java.util.HashMap<>();
        if (keys.isEmpty() || !Files.isRegularFile(file)) {
            return found;
        }
        // Streamed: a line's identifying fields are read first (the log writes them first), and a line that is not
        // wanted is skipped token by token, without building its strings or a tree.
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            while (found.size() < keys.size() && p.nextToken() == JsonToken.START_OBJECT) {
                ObjectNode node = JSON.createObjectNode();
                String measurement = null;
                String promptId = null;
                String cue = null;
                Boolean wanted = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (Boolean.FALSE.equals(wanted)) {
                        p.skipChildren();
                        continue;
                    }
                    JsonNode value = JSON.readTree(p);
                    node.set(field, value);
                    switch (field) {
                        case "measurement" -> measurement = value.asText();
                        case "promptId" -> promptId = value.asText();
                        case "cue" -> cue = value.asText();
                        default -> { }
                    }
                    if (wanted == null && measurement != null && promptId != null && cue != null) {
                        wanted = keys.contains(key(measurement, promptId, cue));
                    }
                }
                if (Boolean.TRUE.equals(wanted)) {
                    found.put(key(measurement, promptId, cue), node);
                }
            }
        } catch (IOException e) {
            return found; // the page then shows ids without transcripts
        }
        return found;
    }

    /** The lookup key of one transcript. */
    public static String key(String measurement, String promptId, String cue) {
        return measurement + "\u0000" + promptId + "\u0000" + cue;
    }

    /** Lets the generator flush, and be closed, without closing the staging stream under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
