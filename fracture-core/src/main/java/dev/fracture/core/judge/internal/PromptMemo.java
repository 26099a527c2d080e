package dev.fracture.core.judge.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * What the judge reads from a prompt alone, kept for the prompt's next answers: a run judges every prompt's
 * answers under both regimes and k samples, 2k answers to one prompt, and the prompt-side work (its cues, words,
 * salient names and grams) grows with the prompt, to several milliseconds for a prompt of a few thousand words.
 *
 * <p>A fixed number of slots, each holding one prompt and its value, chosen by the prompt's hash; a prompt that
 * lands on a taken slot replaces what was there. The answers of the prompts in flight (a run keeps tens to a few
 * hundred at once) mostly find theirs. Memory is bounded twice: by the slots, and by a budget of characters over
 * the prompts kept, for pools of very long prompts. A prompt longer than the budget is never kept; one that takes
 * the kept prompts past it makes the memo forget all the others.
 *
 * <p>Values must be immutable and a function of the prompt alone, so that a hit returns exactly what computing again
 * would. Thread-safe: a hit reads one slot without a lock; two threads missing at once both compute, and one of the
 * equal values stays.
 */
final class PromptMemo<V> {

    /** Slots per memo: a power of two. */
    static final int SLOTS = 512;
    /** Characters of prompt kept at most, by default: 512 prompts of about 3,900 characters. */
    static final long BUDGET = 2_000_000;

    private record Entry<V>(String prompt, V value) {
    }

    private final AtomicReferenceArray<Entry<V>> slots = new AtomicReferenceArray<>(SLOTS);
    private final Function<String, V> compute;
    private final long budget;
    /** Characters of the prompts in the slots; guarded by {@code this}. */
    private long kept;

    PromptMemo(Function<String, V> compute) {
        this(compute, BUDGET);
    }

    PromptMemo(Function<String, V> compute, long budget) {
        this.compute = compute;
        this.budget = budget;
    }

    /** The value for this prompt: kept, or computed now and kept. */
    V get(String prompt) {
        int h = prompt.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry<V> e = slots.get(slot);
        if (e != null && e.prompt().equals(prompt)) {
            return e.value();
        }
        V value = compute.apply(prompt);
        if (prompt.length() <= budget) {
            keep(slot, new Entry<>(prompt, value));
        }
        return value;
    }

    private synchronized void keep(int slot, Entry<V> e) {
        Entry<V> old = slots.getAndSet(slot, e);
        kept += e.prompt().length() - (old == null ? 0 : old.prompt().length());
        if (kept > budget) {
            for (int i = 0; i < SLOTS; i++) {
                if (i != slot) {
                    slots.set(i, null);
                }
            }
            kept = e.prompt().length();
        }
    }

    /** Characters of the prompts kept now. */
    synchronized long keptCharacters() {
        return kept;
    }
}
