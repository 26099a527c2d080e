package dev.fracture.core.judge;

import dev.fracture.core.Axis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apiguardian.api.API;

/**
 * What a cached verdict is keyed by: the judge's fingerprint id, the axis, the user prompt and the
 * answer — everything a frozen judge's verdict depends on.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record VerdictKey(String judgeId, Axis axis, String prompt, String answer) {

    public VerdictKey {
        if (judgeId == null || judgeId.isBlank() || axis == null || prompt == null || answer == null) {
            throw new IllegalArgumentException("verdict key needs a judge id, an axis, a prompt and an answer");
        }
    }

    public static VerdictKey of(String judgeId, JudgeInput input) {
        return new VerdictKey(judgeId, input.axis(), input.userPrompt(), input.answer());
    }

    /** A SHA-256 hex digest of the key with length-prefixed fields, for stores that want a short key. */
    public String digest() {
        return HexFormat.of().formatHex(sha256());
    }

    /** The 32 bytes behind {@link #digest()}. */
    byte[] sha256() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {judgeId, axis.key(), prompt, answer}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
