package dev.fracture.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * What a run needs of the summary it replaces: when it was written and the measurements this run did not measure
 * again, which it carries over ({@link ReportFiles}).
 *
 * <p>Read with Jackson's streaming parser, never as one tree: a first pass notes the schema, the date and each
 * measurement's id and skips everything else (a million-prompt summary is about 170 MiB of frontier points and
 * cells); only when some measurement is to be carried over does a second pass bind those measurements, one at a
 * time. The common second run of the same suite into the same directory therefore holds no more than a parser's
 * buffer of the earlier file.
 *
 * @param generatedAt the earlier summary's date
 * @param carried the measurements not measured now, as they were written (in the file's order)
 */
record EarlierSummary(String generatedAt, List<RunSummary.Measurement> carried) {

    /**
     * Reads {@code file}, binding only the measurements whose id is not in {@code measuredNow}.
     *
     * @throws IllegalArgumentException naming the file when it is not JSON, not a summary or of a schema this version
     *                                  does not read
     */
    static EarlierSummary read(Path file, Set<String> measuredNow) {
        Scan scan = scan(file);
        BitSet keep = new BitSet();
        for (int i = 0; i < scan.ids().size(); i++) {
            String id = scan.ids().get(i);
            if (id == null || !measuredNow.contains(id)) {
                keep.set(i);
            }
        }
        return new EarlierSummary(scan.generatedAt(), keep.isEmpty() ? List.of() : bind(file, keep));
    }

    /** The schema, date and measurement ids of a summary file, in one streaming pass. */
    record Scan(String schema, String generatedAt, List<String> ids) {
    }

    static Scan scan(Path file) {
        String schema = null;
        String generatedAt = null;
        List<String> ids = new ArrayList<>();
        try (JsonParser p = SummaryJson.mapper().createParser(file.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "schema" -> schema = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "generatedAt" -> generatedAt = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "measurements" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                ids.add(measurementId(p));
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw notJson(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run summary " + file + ": " + e.getMessage(), e);
        }
        SummaryJson.checkSchema(schema, file.toString());
        return new Scan(schema, generatedAt, ids);
    }

    /** The measurement's {@code id}, leaving the parser at the end of its object; null when it has none. */
    private static String measurementId(JsonParser p) throws IOException {
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                id = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return id;
    }

    /** The measurements at the positions in {@code keep}, bound one at a time in a second pass. */
    private static List<RunSummary.Measurement> bind(Path file, BitSet keep) {
        List<RunSummary.Measurement> kept = new ArrayList<>();
        try (JsonParser p = SummaryJson.mapper().createParser(file.toFile())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"measurements".equals(field) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
                    if (keep.get(i)) {
                        kept.add(SummaryJson.mapper().readValue(p, RunSummary.Measurement.class));
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " does not match " + RunSummary.SCHEMA + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run summary " + file + ": " + e.getMessage(), e);
        }
        return kept;
    }

    private static void expect(JsonToken actual, JsonToken expected, Path file, JsonParser p) {
        if (actual != expected) {
            throw new IllegalArgumentException(file + " is not a Fracture run summary: it is not a JSON object (line "
                    + p.currentLocation().getLineNr() + ")");
        }
    }

    private static IllegalArgumentException notJson(Path file, JsonProcessingException e) {
        return new IllegalArgumentException(file + " is not valid JSON (line "
                + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage(), e);
    }
}
