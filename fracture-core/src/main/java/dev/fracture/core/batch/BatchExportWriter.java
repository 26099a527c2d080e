package dev.fracture.core.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Appends exported requests to one pair of files in an export directory: {@code requests-<id>.jsonl} (OpenAI
 * Batch input lines) and {@code requests-<id>.index.jsonl} (what each id is for). Each writer has its own pair,
 * so parallel test JVMs (Surefire forks, CI shards) never write to the same file; {@code fracture batch export}
 * merges the pairs of a directory. A request already written by this writer is written once.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class BatchExportWriter implements AutoCloseable {
    /** Suffix of the index file of a request file. */
    public static final String INDEX_SUFFIX = ".index.jsonl";

    private final Path requestsFile;
    private final Path indexFile;
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private BufferedWriter requests;
    private BufferedWriter index;

    private BatchExportWriter(Path requestsFile, Path indexFile) {
        this.requestsFile = requestsFile;
        this.indexFile = indexFile;
    }

    /** A writer into {@code directory} (created when absent); files appear with the first request. */
    public static BatchExportWriter into(Path directory) {
        String id = "requests-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new BatchExportWriter(directory.resolve(id + ".jsonl"), directory.resolve(id + INDEX_SUFFIX));
    }

    /** The index file beside a request file ({@code requests.jsonl} → {@code requests.index.jsonl}). */
    public static Path indexOf(Path requestsFile) {
        String name = requestsFile.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return requestsFile.resolveSibling(base + INDEX_SUFFIX);
    }

    /** Writes the request unless this writer wrote its id before; returns whether it was written. */
    public synchronized boolean write(BatchRequest request) {
        if (!written.add(request.customId())) {
            return false;
        }
        try {
            if (requests == null) {
                Files.createDirectories(requestsFile.toAbsolutePath().getParent());
                requests = open(requestsFile);
                index = open(indexFile);
            }
            requests.write(request.requestLine());
            requests.newLine();
            index.write(request.indexLine());
            index.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch export " + requestsFile + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Requests written so far. */
    public int written() {
        return written.size();
    }

    public Path requestsFile() {
        return requestsFile;
    }

    @Override
    public synchronized void close() {
        try {
            if (requests != null) {
                requests.close();
                index.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close batch export " + requestsFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "BatchExportWriter{" + requestsFile + "}";
    }

    private static BufferedWriter open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
