package dev.fracture.core.pool;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apiguardian.api.API;

/**
 * Reads one pool file: JSONL ({@code .jsonl}, {@code .ndjson}; one JSON object per line, blank lines
 * ignored) or CSV ({@code .csv}; a header row names the columns), from the classpath or the file system.
 *
 * <p>Strict, because a pool read wrongly is measured wrongly without a sign: the file must be UTF-8 (a malformed
 * byte sequence is an error naming the line, never a U+FFFD in a prompt); a UTF-8 byte order mark (Excel's
 * "CSV UTF-8") is accepted and dropped; a JSONL line holds exactly one object with no repeated key and nothing
 * after it; a CSV header names every column once; prompt ids are unique within the file (the error suggests
 * {@code idField} when another column looks like the id).
 *
 * <p>A location is looked up on the classpath first (a leading {@code /} is ignored), then as a path
 * relative to the working directory.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class PoolLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolLoader() {
    }

    /** Loads {@code location} with {@code mapping}; every problem is a {@link PoolException} naming file and line. */
    public static List<PoolEntry> load(String location, FieldMapping mapping, ClassLoader classLoader) {
        String format = format(location);
        String text;
        try (InputStream in = open(location, classLoader)) {
            text = StrictText.decode(location, in.readAllBytes());
        } catch (IOException | UncheckedIOException e) {
            throw new PoolException("pool '" + location + "' could not be read: " + e.getMessage(), e);
        }
        try (Reader reader = new StringReader(text)) {
            RecordReader records = new RecordReader(location, mapping);
            List<PoolEntry> entries = format.equals("csv") ? readCsv(location, reader, records)
                    : readJsonl(location, reader, records);
            records.checkSelection();
            records.checkUniqueIds(entries);
            return entries;
        } catch (IOException | UncheckedIOException e) {
            throw new PoolException("pool '" + location + "' could not be read: " + e.getMessage(), e);
        }
    }

    private static String format(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return "jsonl";
        }
        if (lower.endsWith(".csv")) {
            return "csv";
        }
        throw new PoolException("pool '" + location + "' has an unsupported format; use a .jsonl (one JSON object "
                + "per line) or a .csv file with a header row");
    }

    private static InputStream open(String location, ClassLoader classLoader) throws IOException {
        String resource = location.startsWith("/") ? location.substring(1) : location;
        URL url = classLoader == null ? null : classLoader.getResource(resource);
        if (url != null) {
            return url.openStream();
        }
        Path path = Path.of(location);
        if (Files.isRegularFile(path)) {
            return Files.newInputStream(path);
        }
        throw new PoolException("pool '" + location + "' not found: no classpath resource '" + resource
                + "' and no file " + path.toAbsolutePath().normalize()
                + "; put it under src/test/resources or give a path relative to " + Path.of("").toAbsolutePath());
    }

    static List<PoolEntry> readJsonl(String location, Reader reader, FieldMapping mapping) throws IOException {
        return readJsonl(location, reader, new RecordReader(location, mapping));
    }

    private static List<PoolEntry> readJsonl(String location, Reader reader, RecordReader records) throws IOException {
        List<PoolEntry> entries = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String text = number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (!text.isBlank()) {
                PoolEntry entry = records.read(number, jsonFields(location, number, text));
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    static RecordReader.Fields jsonFields(String location, int line, String text) {
        JsonNode node;
        // Strict: a repeated key is an error (a lenient parser keeps the last value silently), and nothing may follow
        // the object on its line (a second object there would be dropped).
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            node = JSON.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                throw PoolException.at(location, line, "more than one JSON value on this line (trailing data after "
                        + "the object at column " + parser.currentLocation().getColumnNr() + "); put each object on "
                        + "its own line, and nothing after it");
            }
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith("Duplicate field")) {
                throw PoolException.at(location, line, "duplicate key in the JSON object (" + problem + "); keep one "
                        + "value per key, or rename the extra field");
            }
            throw PoolException.at(location, line, "malformed JSON (" + problem
                    + "); each line must be one JSON object like {\"id\": \"s-1\", \"prompt\": \"...\"}");
        } catch (IOException e) {
            throw PoolException.at(location, line, "unreadable JSON (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw PoolException.at(location, line, "expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return new RecordReader.Fields() {
            @Override
            public Optional<String> get(String name) {
                JsonNode value = node.get(name);
                if (value == null || value.isNull()) {
                    return Optional.empty();
                }
                if (value.isContainerNode()) {
                    throw PoolException.at(location, line, "field '" + name + "' must be a string, found "
                            + value.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                return Optional.of(value.asText());
            }

            @Override
            public String describe() {
                return "fields present: " + names();
            }

            @Override
            public List<String> names() {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                return names;
            }
        };
    }

    static List<PoolEntry> readCsv(String location, Reader reader, FieldMapping mapping) throws IOException {
        return readCsv(location, reader, new RecordReader(location, mapping));
    }

    private static List<PoolEntry> readCsv(String location, Reader reader, RecordReader records) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).build();
        List<PoolEntry> entries = new ArrayList<>();
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw PoolException.at(location, 1, "bad CSV header (" + e.getMessage() + ")");
        }
        try (parser) {
            List<String> header = parser.getHeaderNames();
            duplicateColumn(header).ifPresent(name -> {
                throw PoolException.at(location, 1, "the header names column '" + name + "' twice " + header
                        + "; every column needs its own name (rename or delete one; with two the reader could only "
                        + "guess which holds the data)");
            });
            if (!header.contains(records.mapping().promptField())) {
                throw PoolException.at(location, 1, "no column '" + records.mapping().promptField() + "' in the header "
                        + header + "; name the text column with promptField" + RecordReader.didYouMean(
                        records.mapping().promptField(), header));
            }
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                long lineBefore = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw PoolException.at(location, (int) lineBefore, "malformed CSV (" + rootMessage(e) + ")");
                }
                PoolEntry entry = records.read((int) lineBefore, csvFields(record));
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    private static Optional<String> duplicateColumn(List<String> header) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return header.stream().filter(h -> !h.isEmpty() && !seen.add(h)).findFirst();
    }

    private static RecordReader.Fields csvFields(CSVRecord record) {
        return new RecordReader.Fields() {
            @Override
            public Optional<String> get(String name) {
                return record.isMapped(name) && record.isSet(name) ? Optional.of(record.get(name)) : Optional.empty();
            }

            @Override
            public String describe() {
                return "columns: " + names();
            }

            @Override
            public List<String> names() {
                return record.getParser().getHeaderNames();
            }
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
