package dev.fracture.reports.internal;

import dev.fracture.core.PromptOutcome;
import dev.fracture.core.geometry.FlowInput;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The judged answers kept for Manifold Flows: per cue, at most {@code max} prompts, chosen deterministically.
 *
 * <p>A prompt is kept when the hash of its id is among the {@code max} smallest of its cue (a bottom-k
 * sample). The choice depends only on the prompt ids, not on the order in which parallel invocations
 * report them, so two runs of one pool embed the same prompts, and memory stays bounded by {@code max}.
 * Not thread-safe: the collector synchronises.
 */
final class ManifoldSample {
    private record Kept(long hash, FlowInput input) {
    }

    /** Largest hash on top, so the head is the one to drop. */
    private static final Comparator<Kept> LARGEST_FIRST = Comparator.comparingLong(Kept::hash)
            .thenComparing(k -> k.input().promptId()).reversed();

    private final int max;
    private final Map<String, PriorityQueue<Kept>> byCue = new HashMap<>();
    private final Map<String, Integer> scored = new HashMap<>();

    ManifoldSample(int max) {
        this.max = max;
    }

    void add(PromptOutcome o) {
        if (o.isError()) {
            return;
        }
        scored.merge(o.cue(), 1, Integer::sum);
        PriorityQueue<Kept> kept = byCue.computeIfAbsent(o.cue(), c -> new PriorityQueue<>(LARGEST_FIRST));
        Kept k = new Kept(hash(o.promptId()), FlowInput.from(o));
        if (kept.size() < max) {
            kept.add(k);
        } else if (LARGEST_FIRST.compare(k, kept.peek()) > 0) {
            kept.poll();
            kept.add(k);
        }
    }

    /** The kept prompts of {@code cue}, sorted by id. */
    List<FlowInput> inputs(String cue) {
        return byCue.getOrDefault(cue, new PriorityQueue<>()).stream().map(Kept::input)
                .sorted(Comparator.comparing(FlowInput::promptId)).toList();
    }

    /** Scored prompts of {@code cue}, kept or not. */
    int scored(String cue) {
        return scored.getOrDefault(cue, 0);
    }

    int max() {
        return max;
    }

    /** A 64-bit mix (SplitMix64's finaliser) of the id's hash: String.hashCode is specified, so it is stable. */
    static long hash(String id) {
        long z = id.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
