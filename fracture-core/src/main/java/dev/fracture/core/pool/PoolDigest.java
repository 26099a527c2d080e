package dev.fracture.core.pool;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apiguardian.api.API;

/**
 * The SHA-256 of a pool as measured (id, axis, text and any separate context of each prompt, in order), fed one
 * prompt at a time, so a pool is hashed while it streams by instead of being held as a list. The manifest's pool
 * identity ({@code Manifest.Pool}) is this digest.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class PoolDigest {
    private final MessageDigest digest;
    private int rows;

    public PoolDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Adds the next prompt of the pool. */
    public PoolDigest add(Prompt p) {
        update(p.id());
        update(p.axis().map(Axis::key).orElse(""));
        update(p.text());
        if (p.context().isPresent()) {
            update("\u0000context");
            update(p.context().get());
        }
        rows++;
        return this;
    }

    /** The prompts added so far. */
    public int rows() {
        return rows;
    }

    /** The lower-case hex digest of the prompts added; ends the digest. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of these prompts, in order. */
    public static String of(Iterable<Prompt> prompts) {
        PoolDigest d = new PoolDigest();
        prompts.forEach(d::add);
        return d.hex();
    }

    private void update(String field) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
