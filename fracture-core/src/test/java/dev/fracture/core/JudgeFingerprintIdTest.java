package dev.fracture.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memoised id is the hash of the canonical form, per fingerprint value. */
class JudgeFingerprintIdTest {

    private static String hash(String text) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d).substring(0, 16);
    }

    @Test
    void id_is_the_sha256_prefix_of_the_canonical_form_however_often_asked() throws Exception {
        JudgeFingerprint f = new JudgeFingerprint("rules", "m", "rubric text", Map.of("b", "2", "a", "1"), "3");
        String expected = hash("type=rules\nmodel=m\nversion=3\nparam.a=1\nparam.b=2\nrubric=rubric text");
        assertThat(f.id()).isEqualTo(expected);
        assertThat(f.id()).isEqualTo(expected);
        // An equal fingerprint built anew has the same id; any field that differs gives another.
        assertThat(new JudgeFingerprint("rules", "m", new String("rubric text"), Map.of("a", "1", "b", "2"), "3").id())
                .isEqualTo(expected);
        assertThat(new JudgeFingerprint("rules", "m", "rubric text!", Map.of("a", "1", "b", "2"), "3").id())
                .isEqualTo(hash("type=rules\nmodel=m\nversion=3\nparam.a=1\nparam.b=2\nrubric=rubric text!"))
                .isNotEqualTo(expected);
        assertThat(new JudgeFingerprint("rules", "m", "rubric text", Map.of("a", "1", "b", "2"), "4").id())
                .isNotEqualTo(expected);
    }

    @Test
    void ids_stay_right_past_the_memo_bound() throws Exception {
        for (int i = 0; i < 600; i++) {
            JudgeFingerprint f = new JudgeFingerprint("t", "", "r" + i, Map.of(), "1");
            assertThat(f.id()).isEqualTo(hash("type=t\nmodel=\nversion=1\nrubric=r" + i));
        }
    }
}
