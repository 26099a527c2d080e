package dev.fracture.reports.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            samples(g, "train", o.train(), true);
            samples(g, "deploy", o.deploy(), true);
            if (!o.placebo().isEmpty()) {
                samples(g, "placebo", o.placebo(), true);
            }
            if (!o.sham().isEmpty()) {
                samples(g, "sham", o.sham(), true);
            }
            g.writeEndObject();
            g.writeRaw('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transcript of prompt '" + o.promptId() + "' to "
                    + staging + ": " + e.getMessage() + "; check the free space of java.io.tmpdir", e);
        }
    }

    /**
     * One arm's samples as a JSON array field: index, seed, the completion when {@code completions} (the transcript
     * log keeps it; the Allure verdicts attachment, beside the transcript page, does not), and the verdict.
     */
    static void samples(JsonGenerator g, String field, List<Sample> samples, boolean completions) throws IOException {
        g.writeArrayFieldStart(field);
        for (Sample s : samples) {
            g.writeStartObject();
            g.writeNumberField("index", s.index());
            g.writeNumberField("seed", s.seed());
            if (completions) {
                g.writeStringField("completion", s.completion());
            }
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
     * (the file may be large); a missing or unreadable file gives none, and a malformed line is passed over.
     */
    public static java.util.Map<String, JsonNode> find(Path file, Set<String> keys) {
        java.util.Map<String, JsonNode> found = new java.util.HashMap<>();
        if (keys.isEmpty() || !Files.isRegularFile(file)) {
            return found;
        }
        // A line is cut at its newline byte (JSON strings escape newlines, so a raw one ends a line) without being
        // tokenised; only its identifying fields, which the log writes first, are parsed, and only a wanted line is
        // read whole. Tokenising every line to skip it cost most of the dashboard's time on a large run. A line longer
        // than the read buffer is gathered only until its identifying fields show it is not wanted; the rest of it is
        // passed over, so memory stays bounded by the wanted lines whatever the length of the others.
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            byte[] line = new byte[1 << 12];
            int length = 0;
            boolean skipping = false;
            int read;
            int wanted = keys.size();
            while (found.size() < wanted && (read = in.read(buffer)) > 0) {
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    if (skipping) {
                        skipping = false;
                    } else if (length == 0) {
                        lookUp(buffer, from, i - from, keys, found); // the whole line is in the buffer
                    } else {
                        line = append(line, length, buffer, from, i - from);
                        lookUp(line, 0, length + i - from, keys, found);
                    }
                    length = 0;
                    from = i + 1;
                    if (found.size() == wanted) {
                        break;
                    }
                }
                if (!skipping && from < read) {
                    line = append(line, length, buffer, from, read - from);
                    length += read - from;
                    String key = length >= buffer.length ? keyOf(line, 0, length) : null;
                    if (key != null && (!keys.contains(key) || found.containsKey(key))) {
                        skipping = true; // a long line that is not wanted: pass over the rest of it
                        length = 0;
                    }
                }
            }
            if (!skipping && length > 0 && found.size() < wanted) {
                lookUp(line, 0, length, keys, found);
            }
        } catch (IOException e) {
            return found; // the page then shows ids without transcripts
        }
        return found;
    }

    private static byte[] append(byte[] line, int length, byte[] from, int offset, int count) {
        byte[] target = line;
        if (length + count > target.length) {
            target = java.util.Arrays.copyOf(line, Math.max(2 * line.length, length + count));
        }
        System.arraycopy(from, offset, target, length, count);
        return target;
    }

    /** Adds the line's transcript to {@code found} when its key is wanted; a malformed line adds nothing. */
    private static void lookUp(byte[] line, int offset, int length, Set<String> keys,
            java.util.Map<String, JsonNode> found) {
        String key = keyOf(line, offset, length);
        if (key != null && keys.contains(key) && !found.containsKey(key)) {
            try {
                found.put(key, JSON.readTree(line, offset, length));
            } catch (IOException e) {
                // a malformed line (a run cut short while writing it): passed over
            }
        }
    }

    /**
     * The lookup key of a line, or of the start of one, from its identifying fields; null when the bytes end, or
     * stop being JSON, before all three are read.
     */
    private static String keyOf(byte[] line, int offset, int length) {
        if (length == 0) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(line, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String measurement = null;
            String promptId = null;
            String cue = null;
            while ((measurement == null || promptId == null || cue == null) && p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "measurement" -> measurement = p.getValueAsString();
                    case "promptId" -> promptId = p.getValueAsString();
                    case "cue" -> cue = p.getValueAsString();
                    default -> {
                        if (value != null && value.isStructStart()) {
                            p.skipChildren();
                        }
                    }
                }
            }
            return measurement == null || promptId == null || cue == null ? null : key(measurement, promptId, cue);
        } catch (IOException e) {
            return null;
        }
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
