package dev.fracture.core.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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

/**
 * Reads one pool file: JSONL ({@code .jsonl}, {@code .ndjson}; one JSON object per line, blank lines
 * ignored) or CSV ({@code .csv}; a header row names the columns), from the classpath or the file system.
 *
 * <p>A location is looked up on the classpath first (a leading {@code /} is ignored), then as a path
 * relative to the working directory.
 */
public final class PoolLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolLoader() {
    }

    /** Loads {@code location} with {@code mapping}; every problem is a {@link PoolException} naming file and line. */
    public static List<PoolEntry> load(String location, FieldMapping mapping, ClassLoader classLoader) {
        String format = format(location);
        try (InputStream in = open(location, classLoader);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return format.equals("csv") ? readCsv(location, reader, mapping) : readJsonl(location, reader, mapping);
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
        RecordReader records = new RecordReader(location, mapping);
        List<PoolEntry> entries = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String text = number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (!text.isBlank()) {
                entries.add(records.read(number, jsonFields(location, number, text)));
            }
        }
        return entries;
    }

    private static RecordReader.Fields jsonFields(String location, int line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw PoolException.at(location, line, "malformed JSON (" + e.getOriginalMessage()
                    + "); each line must be one JSON object like {\"id\": \"s-1\", \"prompt\": \"...\"}");
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
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                return "fields present: " + names;
            }
        };
    }

    static List<PoolEntry> readCsv(String location, Reader reader, FieldMapping mapping) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).build();
        RecordReader records = new RecordReader(location, mapping);
        List<PoolEntry> entries = new ArrayList<>();
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw PoolException.at(location, 1, "bad CSV header (" + e.getMessage() + ")");
        }
        try (parser) {
            if (!parser.getHeaderNames().contains(mapping.promptField())) {
                throw PoolException.at(location, 1, "no column '" + mapping.promptField() + "' in the header "
                        + parser.getHeaderNames() + "; name the text column with promptField");
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
                entries.add(records.read((int) lineBefore, csvFields(record)));
            }
        }
        return entries;
    }

    private static RecordReader.Fields csvFields(CSVRecord record) {
        return new RecordReader.Fields() {
            @Override
            public Optional<String> get(String name) {
                return record.isMapped(name) && record.isSet(name) ? Optional.of(record.get(name)) : Optional.empty();
            }

            @Override
            public String describe() {
                return "columns: " + record.getParser().getHeaderNames();
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
