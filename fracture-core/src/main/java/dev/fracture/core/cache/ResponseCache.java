package dev.fracture.core.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.cache.internal.CacheWriter;
import dev.fracture.core.cache.internal.SqliteFiles;
import dev.fracture.core.model.Completion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * The response store: one SQLite file in WAL mode, one row per sample keyed by {@link CacheKey}.
 *
 * <p>Writes are queued and committed in batches by a single writer thread, so storing a sample never
 * waits for the disk; {@link #flush()} and {@link #close()} wait until everything queued is committed.
 * Lookups see queued samples at once. Several JVMs may share one file: SQLite serialises their writers
 * (with a busy timeout) and the first write of a key wins, so no entry is lost. A process killed
 * mid-run loses at most the samples still queued; committed rows survive and a rerun fetches only the
 * rest.
 *
 * <p>Every row carries a SHA-256 checksum of its key, answer, log-probabilities and finish reason; a lookup that
 * finds a row whose content does not match fails with {@link CacheIntegrityException} naming the file and the
 * fix, and a damaged file fails to open with the same advice.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ResponseCache implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> LOGPROBS = new TypeReference<>() {
    };
    private static final int LOOKUP_CHUNK = 500;
    /** Lookup statements of at most this many keys are prepared once and kept. */
    private static final int KEPT_STATEMENT_SIZE = 16;
    private static final String CORRUPT_FIX = "the file is damaged or is not a Fracture response cache: move it away "
            + "(the next run records the answers again) or restore it from a backup; fracture.cache.mode=off measures "
            + "without a cache";

    /** A stored row whose content does not match its checksum. */
    public static final class CacheIntegrityException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CacheIntegrityException(String message) {
            super(message);
        }
    }

    private final Path file;
    private final Connection reader;
    /**
     * The lookup statement per number of keys, for the small sizes requests have (k samples): preparing it is most
     * of a cached lookup's cost. Used and closed under this object's lock, like {@link #reader}.
     */
    private final Map<Integer, PreparedStatement> lookups = new HashMap<>();
    private final Connection writerConnection;
    private final CacheWriter writer;
    private final Map<String, Completion> queued = new ConcurrentHashMap<>();

    private ResponseCache(Path file, Connection reader, Connection writerConnection) {
        this.file = file;
        this.reader = reader;
        this.writerConnection = writerConnection;
        this.writer = new CacheWriter(file, writerConnection, this::committed);
    }

    /** Opens (creating when absent) the cache file and its parent directories. */
    public static ResponseCache open(Path file) {
        Path absolute = file.toAbsolutePath();
        Connection w = null;
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            w = SqliteFiles.open(absolute, true);
            Connection writerConnection = w;
            SqliteFiles.retryBusy(() -> {
                SqliteFiles.ensureSchema(writerConnection, absolute);
                return null;
            });
            Connection r = SqliteFiles.open(absolute, false);
            return new ResponseCache(absolute, r, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of response cache " + absolute, e);
        } catch (SQLException e) {
            closeQuietly(w);
            throw new IllegalStateException("cannot open response cache " + absolute + ": " + e.getMessage()
                    + (SqliteFiles.isCorrupt(e) ? "; " + CORRUPT_FIX : ""), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The stored sample of one key. */
    public Optional<Completion> lookup(String key) {
        return Optional.ofNullable(lookup(List.of(key)).get(key));
    }

    /** The stored samples of the given keys; absent keys are left out. */
    public Map<String, Completion> lookup(Collection<String> keys) {
        Map<String, Completion> found = new HashMap<>();
        List<String> toRead = new ArrayList<>();
        for (String key : keys) {
            Completion q = queued.get(key);
            if (q != null) {
                found.put(key, q);
            } else {
                toRead.add(key);
            }
        }
        for (int from = 0; from < toRead.size(); from += LOOKUP_CHUNK) {
            readChunk(toRead.subList(from, Math.min(toRead.size(), from + LOOKUP_CHUNK)), found);
        }
        return found;
    }

    /**
     * Queues a sample for writing and returns at once.
     *
     * @param replace overwrite an existing entry ({@link CacheMode#REFRESH}); otherwise the first stored
     *                sample of a key is kept
     */
    public void store(String key, String endpoint, String model, Completion completion, boolean replace) {
        String logprobs = completion.firstTokenLogprobs().isEmpty() ? null : toJson(completion.firstTokenLogprobs());
        queued.put(key, completion);
        writer.enqueue(new CacheWriter.Row(key, completion.text(), logprobs, endpoint, model == null ? "" : model, replace,
                completion.finishReason(), SqliteFiles.checksum(key, completion.text(), logprobs,
                        completion.finishReason())));
    }

    /** Waits until every sample queued so far is committed; fails when the writer could not store them. */
    public void flush() {
        try {
            writer.flushAsync().get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing response cache " + file, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("flushing response cache " + file + " failed: " + e.getMessage(), e);
        }
        SQLException failure = writer.failure();
        if (failure != null) {
            throw new IllegalStateException("response cache " + file + " could not store some samples: "
                    + failure.getMessage() + "; check free disk space and file permissions", failure);
        }
    }

    /** Number of stored samples (committed rows). */
    public synchronized long size() {
        try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM samples")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows of response cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** The result of SQLite's {@code PRAGMA integrity_check}: {@code ok} for a sound file. */
    public synchronized String integrityCheck() {
        try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return String.join("\n", lines);
        } catch (SQLException e) {
            throw new IllegalStateException("integrity check of response cache " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Rows committed by this instance's writer. */
    public long rowsWritten() {
        return writer.rowsWritten();
    }

    /** Write transactions committed by this instance's writer. */
    public long batchesWritten() {
        return writer.batchesWritten();
    }

    /** Time the writer spent inside write transactions, in nanoseconds. */
    public long writeNanos() {
        return writer.writeNanos();
    }

    /** CPU time of the writer thread inside write transactions, in nanoseconds. */
    public long writeCpuNanos() {
        return writer.writeCpuNanos();
    }

    /** Flushes, stops the writer and closes the file. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            synchronized (this) {
                lookups.values().forEach(ResponseCache::closeQuietly);
                lookups.clear();
                closeQuietly(reader);
            }
            closeQuietly(writerConnection);
        }
        SQLException failure = writer.failure();
        if (failure != null) {
            throw new IllegalStateException("response cache " + file + " could not store some samples: "
                    + failure.getMessage(), failure);
        }
    }

    @Override
    public String toString() {
        return "ResponseCache{" + file + "}";
    }

    private synchronized void readChunk(List<String> keys, Map<String, Completion> found) {
        PreparedStatement reused = null;
        try (PreparedStatement prepared = keys.size() > KEPT_STATEMENT_SIZE ? prepare(keys.size()) : null) {
            PreparedStatement ps = prepared;
            if (ps == null) {
                reused = lookups.get(keys.size());
                if (reused == null) {
                    reused = prepare(keys.size());
                    lookups.put(keys.size(), reused);
                }
                ps = reused;
            }
            for (int i = 0; i < keys.size(); i++) {
                ps.setString(i + 1, keys.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    String text = rs.getString(2);
                    String logprobs = rs.getString(3);
                    String finish = rs.getString(4);
                    if (!SqliteFiles.checksum(key, text, logprobs, finish).equals(rs.getString(5))) {
                        throw new CacheIntegrityException("response cache " + file + ": the stored answer of key "
                                + key + " does not match its checksum (the row was edited or the file is damaged), "
                                + "so no answer from this file can be trusted. Move " + file.getFileName() + " away (the "
                                + "next run records the answers again), or rerun once with fracture.cache.mode=refresh "
                                + "to overwrite every row");
                    }
                    found.put(key, new Completion(text, fromJson(logprobs), finish));
                }
            }
        } catch (SQLException e) {
            if (reused != null) {
                lookups.values().remove(reused);
                closeQuietly(reused);
            }
            throw new IllegalStateException("cannot read response cache " + file + ": " + e.getMessage()
                    + (SqliteFiles.isCorrupt(e) ? "; " + CORRUPT_FIX : ""), e);
        }
    }

    private PreparedStatement prepare(int keys) throws SQLException {
        String marks = String.join(",", java.util.Collections.nCopies(keys, "?"));
        return reader.prepareStatement(
                "SELECT key, text, logprobs, finish_reason, checksum FROM samples WHERE key IN (" + marks + ")");
    }

    private void committed(List<CacheWriter.Row> rows) {
        for (CacheWriter.Row row : rows) {
            // Keep a newer queued value of the same key (refresh) until it is committed too.
            queued.computeIfPresent(row.key(), (k, v) -> v.text().equals(row.text()) ? null : v);
        }
    }

    private static String toJson(Map<String, Double> logprobs) {
        try {
            return JSON.writeValueAsString(logprobs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise log-probabilities", e);
        }
    }

    private Map<String, Double> fromJson(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, LOGPROBS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response cache " + file + " holds unreadable log-probabilities: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort; the data is committed already
            }
        }
    }
}
