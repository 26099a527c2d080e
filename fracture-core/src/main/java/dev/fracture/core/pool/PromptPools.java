package dev.fracture.core.pool;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Merges pool entries into the pool of one measurement.
 *
 * <p>Rules: ids are unique across every file and source of the measurement (a duplicate names both
 * places); prompts whose axis names another axis than the measurement's are skipped, so one mixed
 * dataset can feed one method per axis (a prompt without an axis belongs to every axis); a pool left
 * empty is an error.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class PromptPools {
    private PromptPools() {
    }

    /**
     * Loads a {@link PromptSource}, numbering its prompts {@code Name#1}, {@code Name#2}, ... for errors.
     *
     * <p>One entry per prompt on top of the source's list: for large pools, {@link StreamedPoolBuilder#addSource}
     * keeps the source's list alone.
     */
    public static List<PoolEntry> fromSource(PromptSource source) {
        String name = source.getClass().getSimpleName();
        List<Prompt> prompts = prompts(source);
        List<PoolEntry> entries = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            entries.add(new PoolEntry(prompts.get(i), name + "#" + (i + 1)));
        }
        return entries;
    }

    /** The source's prompts, checked: the call did not fail, and neither the list nor a prompt is null. */
    static List<Prompt> prompts(PromptSource source) {
        List<Prompt> prompts;
        try {
            prompts = source.prompts();
        } catch (Exception e) {
            throw new PoolException("prompt source " + source.getClass().getName() + " failed: " + e, e);
        }
        if (prompts == null) {
            throw new PoolException("prompt source " + source.getClass().getName() + " returned null; return a list");
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i) == null) {
                throw new PoolException("prompt source " + source.getClass().getName() + " returned null at index " + i);
            }
        }
        return prompts;
    }

    /**
     * Checks and filters the entries for {@code axis}.
     *
     * @throws PoolException on duplicate ids or an empty result
     */
    public static LoadedPool combine(String name, List<PoolEntry> entries, Axis axis) {
        Map<String, String> seen = new HashMap<>();
        List<Prompt> prompts = new ArrayList<>();
        int skipped = 0;
        for (PoolEntry entry : entries) {
            String previous = seen.putIfAbsent(entry.prompt().id(), entry.origin());
            if (previous != null) {
                throw duplicate(entry.prompt().id(), previous, entry.origin());
            }
            if (entry.prompt().axis().filter(a -> a != axis).isPresent()) {
                skipped++;
            } else {
                prompts.add(entry.prompt());
            }
        }
        if (prompts.isEmpty()) {
            throw empty(name, axis, skipped);
        }
        return new LoadedPool(name, prompts, skipped);
    }

    /** The error for an id that two pools (or two rows of the pools) share. */
    static PoolException duplicate(String id, String previous, String origin) {
        return new PoolException("duplicate prompt id '" + id + "' at " + previous + " and " + origin + "; ids must be "
                + "unique across the pools of a method: if the pools number their rows alike (e.g. both start at 1), "
                + "give each an id column with a prefix, or name a unique column with idField; if the same prompt is "
                + "in both, remove one");
    }

    /** The error for a pool left with no prompt for the axis. */
    static PoolException empty(String name, Axis axis, int skipped) {
        return new PoolException("pool '" + name + "' has no prompts for axis " + axis.key()
                + (skipped > 0 ? " (" + skipped + " prompts are tagged with another axis)" : "")
                + "; add prompts, or point the annotation at a pool for this axis");
    }
}
