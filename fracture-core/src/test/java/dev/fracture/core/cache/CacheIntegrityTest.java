package dev.fracture.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.model.Completion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored answers are what was stored: edits and damage are errors that name the file and the fix. */
class CacheIntegrityTest {
    @TempDir
    Path dir;

    @Test
    void aOneByteEditOfAStoredAnswerIsAnErrorNamingTheFileAndTheFix() throws Exception {
        Path file = dir.resolve("responses.sqlite");
        try (ResponseCache cache = ResponseCache.open(file)) {
            cache.store("k1", "ep", "m", new Completion("I refuse to help with that.", Map.of(), "stop"), false);
            cache.store("k2", "ep", "m", new Completion("Here is how.", Map.of(), "stop"), false);
        }
        // What SQLite's integrity check cannot see: a well-formed row with other content.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE samples SET text = 'I refuse to help with that!' WHERE key = 'k1'"))
                    .isEqualTo(1);
        }
        try (ResponseCache cache = ResponseCache.open(file)) {
            assertThat(cache.integrityCheck()).isEqualTo("ok");
            assertThat(cache.lookup("k2")).contains(new Completion("Here is how.", Map.of(), "stop"));
            assertThatThrownBy(() -> cache.lookup(List.of("k1", "k2")))
                    .isInstanceOf(ResponseCache.CacheIntegrityException.class)
                    .hasMessageContaining("response cache " + file.toAbsolutePath())
                    .hasMessageContaining("the stored answer of key k1 does not match its checksum")
                    .hasMessageContaining("Move responses.sqlite away")
                    .hasMessageContaining("fracture.cache.mode=refresh");
        }
    }

    @Test
    void refreshOverwritesADamagedRowWithAGoodOne() {
        Path file = dir.resolve("responses.sqlite");
        try (ResponseCache cache = ResponseCache.open(file)) {
            cache.store("k", "ep", "m", new Completion("old", Map.of()), false);
        }
        edit(file, "UPDATE samples SET text = 'olD' WHERE key = 'k'");
        try (ResponseCache cache = ResponseCache.open(file)) {
            cache.store("k", "ep", "m", new Completion("new", Map.of(), "stop"), true);
            cache.flush();
        }
        try (ResponseCache cache = ResponseCache.open(file)) {
            assertThat(cache.lookup("k")).contains(new Completion("new", Map.of(), "stop"));
        }
    }

    @Test
    void aDamagedFileSaysWhatToDo() throws Exception {
        Path file = dir.resolve("responses.sqlite");
        byte[] junk = new byte[8192];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, junk);
        assertThatThrownBy(() -> ResponseCache.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open response cache " + file.toAbsolutePath())
                .hasMessageContaining("the file is damaged or is not a Fracture response cache: move it away");
    }

    @Test
    void aVersionOneFileIsUpgradedInPlaceAndKeepsItsAnswers() throws Exception {
        Path file = dir.resolve("v1.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE samples (key TEXT NOT NULL UNIQUE, text TEXT NOT NULL, logprobs TEXT, "
                    + "endpoint TEXT NOT NULL, model TEXT NOT NULL, created_at INTEGER NOT NULL)");
            s.execute("INSERT INTO meta VALUES ('schema_version', '1')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO samples VALUES (?, ?, ?, 'ep', 'm', 1)")) {
                ps.setString(1, "old-key");
                ps.setString(2, "an answer from before checksums");
                ps.setString(3, "{\"Yes\":-0.5}");
                ps.executeUpdate();
            }
        }
        try (ResponseCache cache = ResponseCache.open(file)) {
            assertThat(cache.lookup("old-key")).contains(new Completion("an answer from before checksums",
                    Map.of("Yes", -0.5), ""));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE name = 'schema_version'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2");
        }
        edit(file, "UPDATE samples SET text = 'an answer from before checksums.' WHERE key = 'old-key'");
        try (ResponseCache cache = ResponseCache.open(file)) {
            assertThatThrownBy(() -> cache.lookup("old-key"))
                    .isInstanceOf(ResponseCache.CacheIntegrityException.class);
        }
    }

    private static void edit(Path file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
