package dev.fracture.core.cache.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opening cache connections and creating the schema, safely when several JVMs do it at once. */
public final class SqliteFiles {
    /** Version of the table layout; a file with another version is refused, not silently misread. */
    public static final String SCHEMA_VERSION = "2";
    static final int BUSY_TIMEOUT_MS = 30_000;

    private SqliteFiles() {
    }

    /**
     * Opens a connection in WAL mode with a busy timeout. {@code synchronous=NORMAL} in WAL mode keeps
     * every committed transaction through a process crash (kill -9); only an OS crash can drop the last
     * few, which a rerun then fetches again.
     */
    public static Connection open(Path file, boolean immediateTransactions) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        if (immediateTransactions) {
            // Take the write lock at BEGIN, so a busy writer waits (busy_timeout) instead of failing
            // when it would upgrade a read lock while another JVM writes.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            retryBusy(() -> {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new SQLException("cannot switch " + file + " to WAL mode (got "
                                + (rs.isClosed() ? "nothing" : rs.getString(1)) + "); is it on a network file system?");
                    }
                }
                return null;
            });
            s.execute("PRAGMA synchronous = NORMAL");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Creates the tables when absent and checks the schema version. A version-1 file (no finish reasons, no
     * checksums) is upgraded in place: its rows get the checksum of what they hold now.
     */
    public static void ensureSchema(Connection c, Path file) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            // A rowid table with a unique key index, not WITHOUT ROWID: answers are large rows, and
            // appending them in rowid order while only the small key index takes random inserts is
            // several times faster for batched writes.
            s.execute("CREATE TABLE IF NOT EXISTS samples ("
                    + "key TEXT NOT NULL UNIQUE, "
                    + "text TEXT NOT NULL, "
                    + "logprobs TEXT, "
                    + "endpoint TEXT NOT NULL, "
                    + "model TEXT NOT NULL, "
                    + "created_at INTEGER NOT NULL, "
                    + "finish_reason TEXT NOT NULL DEFAULT '', "
                    + "checksum TEXT)");
            s.execute("INSERT OR IGNORE INTO meta(name, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
            String version;
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE name = 'schema_version'")) {
                version = rs.next() ? rs.getString(1) : "?";
            }
            if ("1".equals(version)) {
                upgradeFromVersion1(c, s);
                version = SCHEMA_VERSION;
            }
            c.commit();
            if (!SCHEMA_VERSION.equals(version)) {
                throw new SQLException("response cache " + file + " has schema version " + version
                        + ", this Fracture reads version " + SCHEMA_VERSION + "; move the file away or point the cache elsewhere");
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void upgradeFromVersion1(Connection c, Statement s) throws SQLException {
        s.execute("ALTER TABLE samples ADD COLUMN finish_reason TEXT NOT NULL DEFAULT ''");
        s.execute("ALTER TABLE samples ADD COLUMN checksum TEXT");
        try (ResultSet rs = s.executeQuery("SELECT rowid, key, text, logprobs FROM samples");
             PreparedStatement update = c.prepareStatement("UPDATE samples SET checksum = ? WHERE rowid = ?")) {
            while (rs.next()) {
                update.setString(1, checksum(rs.getString(2), rs.getString(3), rs.getString(4), ""));
                update.setLong(2, rs.getLong(1));
                update.addBatch();
            }
            update.executeBatch();
        }
        s.execute("UPDATE meta SET value = '" + SCHEMA_VERSION + "' WHERE name = 'schema_version'");
    }

    /** The checksum of a row's content: SHA-256 (hex) over key, text, log-probabilities and finish reason. */
    public static String checksum(String key, String text, String logprobsJson, String finishReason) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {key, text, logprobsJson == null ? "" : logprobsJson,
                    finishReason == null ? "" : finishReason}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0); // a separator no field holds, so "ab","c" and "a","bc" differ
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether an error says the file is damaged or not a database at all. */
    public static boolean isCorrupt(SQLException e) {
        if (e instanceof SQLiteException se) {
            String code = se.getResultCode().name();
            return code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_NOTADB");
        }
        String m = String.valueOf(e.getMessage());
        return m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB") || m.contains("malformed");
    }

    /** Work that may hit SQLITE_BUSY beyond the busy timeout. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs work, retrying a few times while the database stays busy. */
    public static <T> T retryBusy(SqlWork<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLiteException e) {
                if (!isBusy(e) || attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean isBusy(SQLiteException e) {
        SQLiteErrorCode code = e.getResultCode();
        return code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                || code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED");
    }
}
