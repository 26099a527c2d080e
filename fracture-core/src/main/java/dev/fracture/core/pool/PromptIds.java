package dev.fracture.core.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apiguardian.api.API;

/** Derives stable ids for pools whose records carry none. */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class PromptIds {

    /** Hex digits of the SHA-256 prefix in a derived id (40 bits: collisions need about a million prompts). */
    public static final int HASH_DIGITS = 10;

    private PromptIds() {
    }

    /**
     * {@code <file-stem>-<first 10 hex digits of SHA-256(prompt text)>}, e.g. {@code harmful-3fa2c9e01b}.
     *
     * <p>The id depends on the text alone, not the row number, so it survives reordering, inserting or
     * deleting other rows; the response cache and reports stay keyed to the same prompt. Two rows with
     * the same text get the same id and are reported as duplicates.
     */
    public static String derive(String location, String promptText) {
        return stem(location) + "-" + sha256(promptText).substring(0, HASH_DIGITS);
    }

    /** The file name without directories and extension, lower-cased: {@code pools/Harmful.csv} → {@code harmful}. */
    static String stem(String location) {
        String name = location.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
