package dev.fracture.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Reads and writes run summaries: writes {@value RunSummary#SCHEMA}, reads it, {@value RunSummary#SCHEMA_V2} and
 * {@value RunSummary#SCHEMA_V1} (whose fields are subsets: the figures of version 3 and, in version 1, the protocol
 * sections are then absent).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SummaryJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Additions within one schema version are allowed; readers skip fields they do not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SummaryJson() {
    }

    public static String toJson(RunSummary summary) {
        try {
            return MAPPER.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the run summary: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes the summary atomically (a pipeline polling the file never sees half of it), mode 0644, streamed to
     * the file rather than built as one string.
     */
    public static void write(RunSummary summary, Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                    MAPPER.writeValue(out, summary);
                }
                Files2.moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw Files2.cannotWrite(target, e);
        }
    }

    /**
     * Reads a summary file, refusing any schema it does not know ({@link RunSummary#READABLE}).
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static RunSummary read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run summary " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses summary text; {@code source} names it in errors. */
    public static RunSummary parse(String text, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + "): " + e.getOriginalMessage(), e);
        }
        JsonNode schema = tree == null ? null : tree.get("schema");
        checkSchema(schema == null || !schema.isTextual() ? null : schema.asText(), source);
        try {
            return MAPPER.treeToValue(tree, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " does not match " + RunSummary.SCHEMA + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Refuses a missing schema, or one this version does not read ({@link RunSummary#READABLE}), naming {@code source}. */
    static void checkSchema(String schema, String source) {
        if (schema == null) {
            throw new IllegalArgumentException(source + " is not a Fracture run summary: it has no \"schema\" field;"
                    + " expected \"schema\": \"" + RunSummary.SCHEMA + "\"");
        }
        if (!RunSummary.READABLE.contains(schema)) {
            throw new IllegalArgumentException(source + " has schema \"" + schema + "\", but this version "
                    + "of Fracture reads " + String.join(", ", RunSummary.READABLE.stream().map(v -> "\"" + v + "\"")
                    .toList()) + "; "
                    + "produce all summaries with the same Fracture version, or read this one with the version that "
                    + "wrote it");
        }
    }

    /** The mapper summaries are read and written with (streaming readers bind parts of a file with it). */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
