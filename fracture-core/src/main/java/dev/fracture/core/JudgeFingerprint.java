package dev.fracture.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * What identifies a judge: its type, model, rubric text, parameters and version.
 *
 * <p>Two results with different fingerprints are not comparable. {@link #id()} is a short stable hash
 * of everything here, suitable for cache keys and reports.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record JudgeFingerprint(String type, String model, String rubric, Map<String, String> parameters,
                               String version) {

    public JudgeFingerprint {
        type = requireText("type", type);
        model = model == null ? "" : model;
        rubric = rubric == null ? "" : rubric;
        parameters = Map.copyOf(new TreeMap<>(parameters == null ? Map.of() : parameters));
        version = requireText("version", version);
    }

    private static String requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("judge fingerprint " + name + " must not be blank");
        }
        return value;
    }

    /**
     * A 16-hex-digit SHA-256 prefix of the canonical form.
     *
     * <p>Memoised: callers ask for it per verdict (cache keys, reports), and the canonical form holds the whole
     * rubric, so hashing it each time cost a rubric-sized copy and a SHA-256 per sample.
     */
    public String id() {
        return Ids.of(this);
    }

    /** SHA-256 prefix of the rubric text alone (reports show this instead of the whole rubric). */
    public String rubricHash() {
        return sha256(rubric).substring(0, 16);
    }

    /** The canonical text the id hashes: fields in a fixed order, parameters sorted by key. */
    public String canonical() {
        StringBuilder sb = new StringBuilder();
        sb.append("type=").append(type).append('\n')
                .append("model=").append(model).append('\n')
                .append("version=").append(version).append('\n');
        new TreeMap<>(parameters).forEach((k, v) -> sb.append("param.").append(k).append('=').append(v).append('\n'));
        sb.append("rubric=").append(rubric);
        return sb.toString();
    }

    /** {@code type:model@version#id}, for display. */
    public String display() {
        return type + (model.isEmpty() ? "" : ":" + model) + "@" + version + "#" + id();
    }

    /**
     * The ids of the fingerprints seen in this JVM (a handful: one per judge). Bounded all the same: cleared when
     * it exceeds {@link #MAX}, which only costs recomputation.
     */
    private static final class Ids {
        private static final int MAX = 256;
        private static final java.util.concurrent.ConcurrentHashMap<JudgeFingerprint, String> IDS =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** The last fingerprint asked for, by identity: most calls ask for the one judge of the run again. */
        private static volatile Last last;

        private record Last(JudgeFingerprint fingerprint, String id) {
        }

        static String of(JudgeFingerprint f) {
            Last recent = last;
            if (recent != null && recent.fingerprint() == f) {
                return recent.id();
            }
            String id = IDS.get(f);
            if (id == null) {
                id = sha256(f.canonical()).substring(0, 16);
                if (IDS.size() >= MAX) {
                    IDS.clear();
                }
                IDS.put(f, id);
            }
            last = new Last(f, id);
            return id;
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
