package dev.fracture.core.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Merges the request files a run wrote with {@code fracture.batch.export} into OpenAI Batch input files: one
 * line per distinct {@code custom_id} (two measurements that send the same request share its answer, and a hosted
 * batch refuses duplicate ids), split into parts of at most {@code maxPerFile} lines (OpenAI takes 50,000 per
 * batch), with one index beside them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class BatchExport {

    /**
     * What a merge wrote.
     *
     * @param files the request files, in order
     * @param index the index of every request in them
     * @param requests distinct requests written
     * @param duplicates lines left out because their id was written already
     * @param sources request files read
     */
    public record Result(List<Path> files, Path index, int requests, int duplicates, int sources) {
    }

    private BatchExport() {
    }

    /** The request files (not indexes) of the given directories and files, sorted by name within a directory. */
    public static List<Path> requestFiles(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> list = Files.list(in)) {
                    list.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                            .filter(p -> !p.getFileName().toString().endsWith(BatchExportWriter.INDEX_SUFFIX))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + in + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                throw new IllegalArgumentException(in + " does not exist; name the directory set as "
                        + "fracture.batch.export, or request files in it");
            }
        }
        return files;
    }

    /** Merges the request files of {@code inputs} into {@code out} (or {@code out-001.jsonl}, … when split). */
    public static Result merge(List<Path> inputs, Path out, int maxPerFile) {
        if (maxPerFile < 1) {
            throw new IllegalArgumentException("maxPerFile = " + maxPerFile + " is outside the allowed range [1, +inf)");
        }
        List<Path> sources = requestFiles(inputs);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no request files (*.jsonl) in " + inputs + "; run the suite with "
                    + "fracture.batch.export=<directory> first");
        }
        Map<String, String> index = new LinkedHashMap<>();
        for (Path source : sources) {
            readIndex(source, index);
        }
        int parts = Math.max(1, (index.size() + maxPerFile - 1) / maxPerFile);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= parts; i++) {
            files.add(parts == 1 ? out : part(out, i));
        }
        Map<String, Integer> bodies = new HashMap<>();
        int duplicates = 0;
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Writer writer = new Writer(files, maxPerFile);
            try {
                for (Path source : sources) {
                    duplicates += copy(source, index, bodies, writer);
                }
            } finally {
                writer.close();
            }
            Path indexFile = BatchExportWriter.indexOf(out);
            try (BufferedWriter w = Files.newBufferedWriter(indexFile, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : index.entrySet()) {
                    if (!bodies.containsKey(e.getKey())) {
                        continue; // indexed but never written: nothing will answer it
                    }
                    w.write(e.getValue());
                    w.newLine();
                }
            }
            return new Result(files.subList(0, writer.filesUsed()), indexFile, bodies.size(), duplicates,
                    sources.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static Path part(Path out, int i) {
        String name = out.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return out.resolveSibling(String.format("%s-%03d.jsonl", base, i));
    }

    private static void readIndex(Path source, Map<String, String> index) {
        Path file = BatchExportWriter.indexOf(source);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(source + " has no index " + file.getFileName() + " beside it; "
                    + "both are written by a run with fracture.batch.export: copy them together");
        }
        forEachLine(file, (line, number) -> {
            JsonNode node = parse(file, number, line);
            index.putIfAbsent(id(file, number, node), line);
        });
    }

    private static int copy(Path source, Map<String, String> index, Map<String, Integer> bodies, Writer writer) {
        int[] duplicates = {0};
        forEachLine(source, (line, number) -> {
            JsonNode node = parse(source, number, line);
            String id = id(source, number, node);
            if (!index.containsKey(id)) {
                throw new IllegalArgumentException(source + ":" + number + ": custom_id " + id + " is not in "
                        + BatchExportWriter.indexOf(source).getFileName() + "; the pair is damaged: export again");
            }
            int body = node.path("body").hashCode();
            Integer before = bodies.putIfAbsent(id, body);
            if (before == null) {
                writer.write(line);
            } else if (before != body) {
                throw new IllegalArgumentException(source + ":" + number + ": custom_id " + id + " was exported "
                        + "before with another body (e.g. another fracture.model.max-tokens-field); export the runs "
                        + "with the same model settings");
            } else {
                duplicates[0]++;
            }
        });
        return duplicates[0];
    }

    static JsonNode parse(Path file, int number, String line) {
        try {
            return BatchRequest.read(line);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(file + ":" + number + " is not a JSON line: " + e.getMessage(), e);
        }
    }

    static String id(Path file, int number, JsonNode node) {
        JsonNode id = node == null ? null : node.get("custom_id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException(file + ":" + number + " has no \"custom_id\"");
        }
        return id.asText();
    }

    interface LineHandler {
        void accept(String line, int number);
    }

    static void forEachLine(Path file, LineHandler handler) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    handler.accept(line, number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes lines into the parts in turn, opening each when the one before is full. */
    private static final class Writer {
        private final List<Path> files;
        private final int max;
        private BufferedWriter current;
        private int used;
        private int inCurrent;

        Writer(List<Path> files, int max) {
            this.files = files;
            this.max = max;
        }

        void write(String line) {
            try {
                if (current == null || inCurrent == max) {
                    if (current != null) {
                        current.close();
                    }
                    current = Files.newBufferedWriter(files.get(used++), StandardCharsets.UTF_8);
                    inCurrent = 0;
                }
                current.write(line);
                current.newLine();
                inCurrent++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + files.get(Math.max(0, used - 1)) + ": "
                        + e.getMessage(), e);
            }
        }

        int filesUsed() {
            return used;
        }

        void close() throws IOException {
            if (current != null) {
                current.close();
            }
        }
    }
}
