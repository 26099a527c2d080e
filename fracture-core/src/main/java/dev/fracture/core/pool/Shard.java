package dev.fracture.core.pool;

import dev.fracture.core.Prompt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One of {@code count} disjoint parts of every pool ({@code fracture.shard=index/count}, index from 1): a prompt
 * belongs to the shard its id hashes to (SHA-256), so the split is the same on every machine and JVM, does not
 * depend on row order, and the shards of a pool together hold each prompt exactly once. n CI runners (or a
 * Surefire fork matrix) each run one shard; {@code fracture merge} pools their summaries.
 *
 * @param index 1-based shard number
 * @param count number of shards
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist; shards are numbered "
                    + "1 to n, e.g. 1/4 … 4/4");
        }
    }

    /** Parses {@code i/n}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected i/n, e.g. 2/4 for the second of four shards");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected i/n with whole numbers, e.g. 2/4 for the second of four shards");
        }
    }

    /** Whether the prompt with this id is in this shard. */
    public boolean contains(String promptId) {
        return bucket(promptId, count) == index - 1;
    }

    /** The prompts of this shard, in pool order. */
    public List<Prompt> select(List<Prompt> prompts) {
        if (prompts instanceof IndexedPrompts indexed) {
            return indexed.filter(p -> contains(p.id())); // one pass over the files, a view of the shard's prompts
        }
        return prompts.stream().filter(p -> contains(p.id())).toList();
    }

    static int bucket(String id, int count) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            long v = ((long) (h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            return (int) (v % count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
