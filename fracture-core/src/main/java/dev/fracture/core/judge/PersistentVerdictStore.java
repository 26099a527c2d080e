package dev.fracture.core.judge;

import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import dev.fracture.core.cache.internal.SqliteFiles;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.apiguardian.api.API;

/**
 * Verdicts kept across runs in one SQLite file beside the response cache, so a rerun from the cache neither
 * calls the model nor re-judges its answers.
 *
 * <p>Keyed by the SHA-256 of {@link VerdictKey} (judge fingerprint id, axis, prompt, answer): a judge whose
 * code, weights or rubric changed has another fingerprint and never sees the old verdicts. Each row carries a
 * CRC-32 of its content; a row that does not match is ignored (judged afresh and replaced), never used.
 * Writes are buffered and committed in batches of {@value #BATCH} and on {@link #close()}; a process killed
 * mid-run loses only the uncommitted verdicts, which the next run judges again. Several JVMs may share the
 * file. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class PersistentVerdictStore implements VerdictStore, AutoCloseable {
    /** The file name used beside the response cache. */
    public static final String FILE = "verdicts.sqlite";
    static final int BATCH = 512;

    private final Path file;
    private final JudgeFingerprint judge;
    private final Connection connection;
    private final InMemoryVerdictStore front = new InMemoryVerdictStore(InMemoryVerdictStore.DEFAULT_CAPACITY);
    private final Map<String, Verdict> pending = new LinkedHashMap<>();
    private long corrupt;
    /** The lookup, prepared once (preparing it cost more than the lookup); used and closed under this lock. */
    private PreparedStatement select;

    private PersistentVerdictStore(Path file, JudgeFingerprint judge, Connection connection) {
        this.file = file;
        this.judge = judge;
        this.connection = connection;
    }

    /**
     * Opens (creating when absent) the store of {@code judge}'s verdicts.
     *
     * @param file e.g. {@code .fracture/cache/verdicts.sqlite}
     * @param judge the judge whose verdicts are stored; verdicts read back carry this fingerprint
     */
    public static PersistentVerdictStore open(Path file, JudgeFingerprint judge) {
        Path absolute = file.toAbsolutePath();
        Connection c = null;
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            c = SqliteFiles.open(absolute, true);
            Connection opened = c;
            SqliteFiles.retryBusy(() -> {
                try (Statement s = opened.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS verdicts (key TEXT PRIMARY KEY, judge TEXT NOT NULL, "
                            + "p_unsafe REAL NOT NULL, label TEXT NOT NULL, rationale TEXT NOT NULL, crc INTEGER NOT NULL)");
                }
                return null;
            });
            c.setAutoCommit(false);
            return new PersistentVerdictStore(absolute, judge, c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of verdict cache " + absolute, e);
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new IllegalStateException("cannot open verdict cache " + absolute + ": " + e.getMessage()
                    + "; delete the file to start an empty one (verdicts are judged again, no model call needed)", e);
        }
    }

    @Override
    public Optional<Verdict> get(VerdictKey key) {
        if (!key.judgeId().equals(judge.id())) {
            return Optional.empty();
        }
        Optional<Verdict> hot = front.get(key);
        if (hot.isPresent()) {
            return hot;
        }
        String digest = key.digest();
        synchronized (this) {
            Verdict queued = pending.get(digest);
            if (queued != null) {
                return Optional.of(queued);
            }
            try {
                if (select == null) {
                    select = connection.prepareStatement(
                            "SELECT judge, p_unsafe, label, rationale, crc FROM verdicts WHERE key = ?");
                }
                PreparedStatement q = select;
                q.setString(1, digest);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String judgeId = rs.getString(1);
                    double p = rs.getDouble(2);
                    String label = rs.getString(3);
                    String rationale = rs.getString(4);
                    if (!judgeId.equals(judge.id()) || rs.getLong(5) != crc(digest, judgeId, p, label, rationale)) {
                        corrupt++;
                        return Optional.empty();
                    }
                    Verdict v = new Verdict(p, Verdict.Label.valueOf(label), rationale, judge);
                    front.put(key, v);
                    return Optional.of(v);
                }
            } catch (SQLException | IllegalArgumentException e) {
                corrupt++;
                return Optional.empty();
            }
        }
    }

    @Override
    public void put(VerdictKey key, Verdict verdict) {
        if (!key.judgeId().equals(judge.id())) {
            return;
        }
        front.put(key, verdict);
        List<Map.Entry<String, Verdict>> batch = null;
        synchronized (this) {
            pending.put(key.digest(), verdict);
            if (pending.size() >= BATCH) {
                batch = drain();
            }
            if (batch != null) {
                commit(batch);
            }
        }
    }

    /** Rows read back whose checksum or content did not match and were ignored. */
    public synchronized long corruptRows() {
        return corrupt;
    }

    public Path file() {
        return file;
    }

    /** Commits what is buffered and closes the file. */
    @Override
    public synchronized void close() {
        try {
            commit(drain());
        } finally {
            try {
                if (select != null) {
                    select.close();
                }
                connection.close();
            } catch (SQLException ignored) {
                // closing a store whose writes are committed
            }
        }
    }

    private List<Map.Entry<String, Verdict>> drain() {
        List<Map.Entry<String, Verdict>> batch = new ArrayList<>(pending.entrySet());
        pending.clear();
        return batch;
    }

    private void commit(List<Map.Entry<String, Verdict>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            SqliteFiles.retryBusy(() -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT OR REPLACE INTO verdicts (key, judge, p_unsafe, label, rationale, crc) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Map.Entry<String, Verdict> e : batch) {
                        Verdict v = e.getValue();
                        String rationale = v.rationale() == null ? "" : v.rationale();
                        insert.setString(1, e.getKey());
                        insert.setString(2, judge.id());
                        insert.setDouble(3, v.pUnsafe());
                        insert.setString(4, v.label().name());
                        insert.setString(5, rationale);
                        insert.setLong(6, crc(e.getKey(), judge.id(), v.pUnsafe(), v.label().name(), rationale));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                }
                return null;
            });
        } catch (SQLException e) {
            // Verdicts are a cache: a failed write costs a re-judgement on the next run, never a wrong verdict.
            System.err.println("fracture: could not store " + batch.size() + " verdicts in " + file + ": "
                    + e.getMessage());
        }
    }

    static long crc(String key, String judgeId, double p, String label, String rationale) {
        CRC32 crc = new CRC32();
        crc.update((key + "\u0000" + judgeId + "\u0000" + Double.doubleToLongBits(p) + "\u0000" + label + "\u0000"
                + rationale).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Override
    public String toString() {
        return "verdict cache " + file + " (judge " + judge.id() + ")";
    }
}
