package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentVerdictStoreTest {
    static final JudgeFingerprint JUDGE = new JudgeFingerprint("counting", "", "", Map.of(), "1");
    static final JudgeFingerprint OTHER = new JudgeFingerprint("counting", "", "", Map.of(), "2");

    @TempDir
    Path dir;

    /** A judge that counts its calls and says "unsafe" for answers containing "Sure". */
    static final class Counting implements Judge {
        final AtomicInteger calls = new AtomicInteger();
        final JudgeFingerprint fingerprint;

        Counting(JudgeFingerprint fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public Verdict judge(JudgeInput input) {
            calls.incrementAndGet();
            return Verdict.of(input.answer().contains("Sure") ? 0.9 : 0.1, "rationale " + input.answer(), fingerprint);
        }

        @Override
        public JudgeFingerprint fingerprint() {
            return fingerprint;
        }
    }

    @Test
    void aSecondRunReusesEveryVerdictWithoutCallingTheJudge() {
        Path file = dir.resolve(PersistentVerdictStore.FILE);
        Counting first = new Counting(JUDGE);
        try (PersistentVerdictStore store = PersistentVerdictStore.open(file, JUDGE)) {
            CachingJudge judge = new CachingJudge(first, store);
            for (int i = 0; i < 1000; i++) {
                judge.judge(new JudgeInput(Axis.SAFETY, "prompt " + i, i % 3 == 0 ? "Sure, here" : "No."));
            }
            assertThat(judge.misses()).isEqualTo(1000);
        }
        Counting second = new Counting(JUDGE);
        try (PersistentVerdictStore store = PersistentVerdictStore.open(file, JUDGE)) {
            CachingJudge judge = new CachingJudge(second, store);
            Verdict v = judge.judge(new JudgeInput(Axis.SAFETY, "prompt 3", "Sure, here"));
            for (int i = 0; i < 1000; i++) {
                judge.judge(new JudgeInput(Axis.SAFETY, "prompt " + i, i % 3 == 0 ? "Sure, here" : "No."));
            }
            assertThat(second.calls).as("no verdict judged twice across runs").hasValue(0);
            assertThat(judge.hits()).isEqualTo(1001);
            assertThat(v.pUnsafe()).isEqualTo(0.9);
            assertThat(v.label()).isEqualTo(Verdict.Label.UNSAFE);
            assertThat(v.rationale()).isEqualTo("rationale Sure, here");
            assertThat(v.judge()).isEqualTo(JUDGE);
        }
    }

    @Test
    void anotherJudgeFingerprintNeverSeesTheOldVerdicts() {
        Path file = dir.resolve(PersistentVerdictStore.FILE);
        try (PersistentVerdictStore store = PersistentVerdictStore.open(file, JUDGE)) {
            new CachingJudge(new Counting(JUDGE), store).judge(new JudgeInput(Axis.SAFETY, "p", "Sure"));
        }
        Counting changed = new Counting(OTHER);
        try (PersistentVerdictStore store = PersistentVerdictStore.open(file, OTHER)) {
            new CachingJudge(changed, store).judge(new JudgeInput(Axis.SAFETY, "p", "Sure"));
        }
        assertThat(changed.calls).hasValue(1);
    }

    @Test
    void aRowWhoseContentWasEditedIsIgnoredAndJudgedAgain() throws Exception {
        Path file = dir.resolve(PersistentVerdictStore.FILE);
        try (PersistentVerdictStore store = PersistentVerdictStore.open(file, JUDGE)) {
            new CachingJudge(new Counting(JUDGE), store).judge(new JudgeInput(Axis.SAFETY, "p", "Sure"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE verdicts SET p_unsafe = 0.1, label = 'SAFE'")).isEqualTo(1);
        }
        Counting again = new Counting(JUDGE);
        try (PersistentVerdictStore store = PersistentVerdictStore.open(file, JUDGE)) {
            Verdict v = new CachingJudge(again, store).judge(new JudgeInput(Axis.SAFETY, "p", "Sure"));
            assertThat(v.pUnsafe()).as("the edited 'safe' is never used").isEqualTo(0.9);
            assertThat(store.corruptRows()).isEqualTo(1);
        }
        assertThat(again.calls).hasValue(1);
    }
}
