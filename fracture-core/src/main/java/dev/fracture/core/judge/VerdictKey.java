package dev.fracture.core.judge;

import dev.fracture.core.Axis;
import java.lang.ref.WeakReference;
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
        Memo memo = memo();
        if (memo.hex == null) {
            memo.hex = HexFormat.of().formatHex(memo.sha);
        }
        return memo.hex;
    }

    /** The 32 bytes behind {@link #digest()}. */
    byte[] sha256() {
        return memo().sha.clone();
    }

    /**
     * The digest of the key this thread asked about last, by identity: a cache looks a key up, and on a miss
     * stores the verdict under the same key object (a persistent store with an in-memory front does so twice), so
     * the prompt and answer are hashed once per verdict rather than up to four times.
     */
    private Memo memo() {
        Memo memo = MEMO.get();
        if (memo.key.get() != this) {
            MessageDigest sha = memo.sha256;
            sha.reset();
            for (String field : new String[] {judgeId, axis.key(), prompt, answer}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            memo.sha = sha.digest();
            memo.hex = null;
            memo.key = new WeakReference<>(this);
        }
        return memo;
    }

    private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

    /**
     * One thread's last key, its digest, and the thread's reusable SHA-256 instance. The key is held weakly: a
     * store keyed by digests must not keep a prompt or an answer alive.
     */
    private static final class Memo {
        private final MessageDigest sha256;
        private WeakReference<VerdictKey> key = new WeakReference<>(null);
        private byte[] sha;
        private String hex;

        Memo() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }
    }
}
