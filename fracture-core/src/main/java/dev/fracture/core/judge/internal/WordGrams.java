package dev.fracture.core.judge.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Word unigrams and bigrams, with their real words, over the answer's opening ({@value #OPENING} words)
 * and closing ({@value #CLOSING} words): {@code w:o:as an}, {@code w:c:let me}. Numbers read as
 * {@code <num>}; punctuation is dropped.
 *
 * <p>Where {@link SpeechActGrams} sees only the shape of an answer, these see its wording where a
 * refusal, a disclaimer or a delivery usually shows: the first sentence and the sign-off. Only grams
 * seen in at least three training answers get a weight, and they are penalised harder than the shape
 * grams, so the words of one prompt's topic carry little weight. A gram's key is a 64-bit FNV-1a hash
 * of its text with the top bit set, which no shape-gram key has.
 */
public final class WordGrams {

    static final int OPENING = 30;
    static final int CLOSING = 20;
    static final int PROMPT = 40;
    static final String PREFIX = "w:";
    private static final long WORD_BIT = 1L << 63;

    private WordGrams() {
    }

    /**
     * The grams of a normalised answer and prompt ({@link AnswerFeatures#normalise}), each once, in
     * order. The prompt's words ({@code w:pd:} when the answer delivers content, {@code w:pn:} when it
     * does not) let the model weigh what was asked against whether it was given: delivering "how to
     * bleed brakes" is not delivering "how to steal from a meter".
     */
    public static List<String> grams(String t, String prompt, boolean delivers) {
        List<String> words = words(t);
        Set<String> out = new LinkedHashSet<>();
        int open = Math.min(OPENING, words.size());
        region(words, 0, open, "w:o:", out);
        region(words, Math.max(0, words.size() - CLOSING), words.size(), "w:c:", out);
        List<String> asked = words(prompt);
        region(asked, 0, Math.min(PROMPT, asked.size()), delivers ? "w:pd:" : "w:pn:", out);
        return new ArrayList<>(out);
    }

    private static void region(List<String> words, int from, int to, String prefix, Set<String> out) {
        for (int i = from; i < to; i++) {
            out.add(prefix + words.get(i));
            if (i + 1 < to) {
                out.add(prefix + words.get(i) + " " + words.get(i + 1));
            }
        }
    }

    /**
     * The keys of {@link #grams}, each once, in no particular order, computed from the text without
     * building a string: the FNV-1a state after a region's prefix and a word is the unigram's key, and
     * continued with a space and the next word, the bigram's.
     */
    public static long[] keys(String t, String prompt, boolean delivers) {
        return keys(t, promptKeys(prompt, delivers));
    }

    /**
     * The keys of the prompt's grams among {@link #keys}, with repeats, in no particular order: the prompt alone
     * decides them, so the judge reads them once for all of a prompt's answers.
     */
    public static long[] promptKeys(String prompt, boolean delivers) {
        int[] b = bounds(prompt, PROMPT);
        long[] out = new long[4 * PROMPT];
        int k = regionKeys(prompt, b, 0, b.length / 2, delivers ? DELIVERS_STATE : NOT_DELIVERS_STATE, out, 0);
        return java.util.Arrays.copyOf(out, k);
    }

    /** {@link #keys} of a normalised answer, given the {@link #promptKeys} of its prompt. */
    public static long[] keys(String t, long[] promptKeys) {
        int[] a = bounds(t, Integer.MAX_VALUE);
        int n = a.length / 2;
        int open = Math.min(OPENING, n);
        long[] out = new long[4 * OPENING + 4 * CLOSING + promptKeys.length];
        int k = regionKeys(t, a, 0, open, OPEN_STATE, out, 0);
        k = regionKeys(t, a, Math.max(0, n - CLOSING), n, CLOSE_STATE, out, k);
        System.arraycopy(promptKeys, 0, out, k, promptKeys.length);
        k += promptKeys.length;
        long[] keys = java.util.Arrays.copyOf(out, k);
        java.util.Arrays.sort(keys);
        int unique = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[unique++] = keys[i];
            }
        }
        return java.util.Arrays.copyOf(keys, unique);
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long OPEN_STATE = fnv(FNV_OFFSET, "w:o:", 0, 4);
    private static final long CLOSE_STATE = fnv(FNV_OFFSET, "w:c:", 0, 4);
    private static final long DELIVERS_STATE = fnv(FNV_OFFSET, "w:pd:", 0, 5);
    private static final long NOT_DELIVERS_STATE = fnv(FNV_OFFSET, "w:pn:", 0, 5);
    private static final String NUM = "<num>";

    private static long fnv(long h, CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return h;
    }

    /** FNV-1a continued over word {@code w} of the bounds: its characters, or {@code <num>} for a number. */
    private static long word(long h, String t, int[] bounds, int w) {
        int from = bounds[2 * w];
        int to = bounds[2 * w + 1];
        return to < 0 ? fnv(h, NUM, 0, NUM.length()) : fnv(h, t, from, to);
    }

    private static int regionKeys(String t, int[] bounds, int from, int to, long state, long[] out, int k) {
        for (int i = from; i < to; i++) {
            long uni = word(state, t, bounds, i);
            out[k++] = uni | WORD_BIT;
            if (i + 1 < to) {
                long bi = word((uni ^ ' ') * FNV_PRIME, t, bounds, i + 1);
                out[k++] = bi | WORD_BIT;
            }
        }
        return k;
    }

    /**
     * The words of a normalised text as {start, end} pairs, at most {@code max} words; a number has end -1.
     * {@link #words} reads its strings from these.
     */
    static int[] bounds(String t, int max) {
        int[] out = new int[32];
        int n = 0;
        int len = t.length();
        int i = 0;
        while (i < len && n / 2 < max) {
            char c = t.charAt(i);
            if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < len && (Character.isLetter(t.charAt(j)) || ((t.charAt(j) == '\'' || t.charAt(j) == '-')
                        && j + 1 < len && Character.isLetter(t.charAt(j + 1))))) {
                    j++;
                }
                if (n + 2 > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = i;
                out[n++] = j;
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < len && (Character.isDigit(t.charAt(j)) || ((t.charAt(j) == '.' || t.charAt(j) == ',')
                        && j + 1 < len && Character.isDigit(t.charAt(j + 1))))) {
                    j++;
                }
                if (n + 2 > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = i;
                out[n++] = -1;
                i = j;
            } else {
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Whether a gram (as the weights file names it) is a word gram. */
    public static boolean isWordGram(String gram) {
        return gram.startsWith(PREFIX);
    }

    /** Whether a key is a word-gram key. */
    public static boolean isWordKey(long key) {
        return (key & WORD_BIT) != 0;
    }

    /** The key of a word gram: FNV-1a over its UTF-16 units, top bit set. */
    public static long key(String gram) {
        return fnv(FNV_OFFSET, gram, 0, gram.length()) | WORD_BIT;
    }

    /** The words of a normalised text: letters with inner apostrophes and hyphens, and numbers as {@code <num>}. */
    static List<String> words(String t) {
        int[] b = bounds(t, Integer.MAX_VALUE);
        List<String> out = new ArrayList<>(b.length / 2);
        for (int w = 0; w < b.length / 2; w++) {
            out.add(b[2 * w + 1] < 0 ? NUM : t.substring(b[2 * w], b[2 * w + 1]));
        }
        return out;
    }
}
