package dev.fracture.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sham arm is part of the locked protocol; a lock written before the arm existed still reads. */
class ShamInLockTest {
    @TempDir
    Path dir;

    private static Manifest.Protocol protocol(String sham) {
        return new Manifest.Protocol(Axis.SAFETY, new Manifest.Pool("pools/p.jsonl", "ab", 10),
                List.of(new Manifest.Cue("default", "train")), "default", "deploy", "system", "0.5", "greedy", 0.0,
                1.0, 1, 42, false, "upper-bound", "embedded:rules@1#x", "off", sham);
    }

    private static Manifest manifest(String sham) {
        return new Manifest("S#m", protocol(sham), new Manifest.Subject("reference", "", "reference", ""), "0.3");
    }

    @Test
    void aLockWithoutTheShamFieldReadsAsNoShamArmAndAChangedShamIsADifference() throws Exception {
        Path lock = dir.resolve("fracture.lock");
        ProtocolLock.of(Map.of("S#m", protocol(""))).write(lock);
        String written = Files.readString(lock);
        assertThat(written).contains("\"sham\"");
        Files.writeString(lock, written.replaceAll(",\\s*\"sham\"\\s*:\\s*\"\"", ""));
        assertThat(Files.readString(lock)).doesNotContain("\"sham\"");

        ProtocolLock old = ProtocolLock.read(lock);
        assertThat(old.differences(manifest(""))).isEmpty();
        assertThat(old.differences(manifest("A content-free message.")))
                .containsExactly("sham cue: off → A content-free message.");

        ProtocolLock.of(Map.of("S#m", protocol("A content-free message."))).write(lock);
        assertThat(ProtocolLock.read(lock).differences(manifest("Another message.")))
                .containsExactly("sham cue: A content-free message. → Another message.");
    }
}
