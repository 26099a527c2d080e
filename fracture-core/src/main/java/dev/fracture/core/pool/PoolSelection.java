package dev.fracture.core.pool;

import dev.fracture.core.Prompt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Which rows of a loaded pool a measurement uses: the first {@code limit}, or a seeded random {@code sample}.
 * Both are part of the protocol (the manifest hashes the selected prompts), unlike a {@link Shard}.
 *
 * <p>The sample is drawn by ranking prompts on SHA-256(seed, id): the same seed gives the same prompts
 * whatever the row order, and a larger sample with the same seed contains the smaller one.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class PoolSelection {
    private PoolSelection() {
    }

    /**
     * @param limit keep the first {@code limit} prompts in pool order; 0 keeps all
     * @param sample keep {@code sample} prompts drawn at random with {@code seed}, in pool order; 0 keeps all
     */
    public static LoadedPool select(LoadedPool pool, int limit, int sample, long seed) {
        if (limit < 0 || sample < 0) {
            throw new PoolException("limit and sample must be 0 (all prompts) or positive, not " + limit + " and "
                    + sample);
        }
        if (limit > 0 && sample > 0) {
            throw new PoolException("give limit (the first n prompts) or sample (n prompts at random), not both");
        }
        List<Prompt> prompts = pool.prompts();
        if (prompts instanceof IndexedPrompts indexed && sample > 0 && sample < prompts.size()) {
            return new LoadedPool(pool.name(), sample(indexed, sample, seed), pool.skippedOtherAxis());
        }
        if (limit > 0 && limit < prompts.size()) {
            prompts = prompts.subList(0, limit);
        } else if (sample > 0 && sample < prompts.size()) {
            Set<String> chosen = prompts.stream()
                    .sorted(Comparator.comparing((Prompt p) -> rank(seed, p.id())).thenComparing(Prompt::id))
                    .limit(sample).map(Prompt::id).collect(Collectors.toSet());
            prompts = prompts.stream().filter(p -> chosen.contains(p.id())).toList();
        } else {
            return pool;
        }
        return new LoadedPool(pool.name(), prompts, pool.skippedOtherAxis());
    }

    /**
     * The same sample as for a list, without the texts in memory: the first 8 bytes of each prompt's rank in one
     * {@code long[]}, positions sorted by them (ties, which need equal 64-bit prefixes, by the whole rank, then id).
     */
    private static IndexedPrompts sample(IndexedPrompts prompts, int sample, long seed) {
        int n = prompts.size();
        long[] prefix = new long[n];
        int i = 0;
        for (Prompt p : prompts) {
            prefix[i++] = Long.parseUnsignedLong(rank(seed, p.id()).substring(0, 16), 16);
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Long.compareUnsigned(prefix[a], prefix[b]);
            if (c != 0) {
                return c;
            }
            String idA = prompts.get(a).id();
            String idB = prompts.get(b).id();
            c = rank(seed, idA).compareTo(rank(seed, idB));
            return c != 0 ? c : idA.compareTo(idB);
        });
        int[] chosen = new int[sample];
        for (int k = 0; k < sample; k++) {
            chosen[k] = order[k];
        }
        java.util.Arrays.sort(chosen);
        return prompts.pick(chosen);
    }

    static String rank(long seed, String id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
