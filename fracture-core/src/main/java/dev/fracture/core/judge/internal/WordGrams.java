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

    /** The keys of the grams, in the same order. */
    public static long[] keys(List<String> grams) {
        long[] keys = new long[grams.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(grams.get(i));
        }
        return keys;
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
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < gram.length(); i++) {
            h ^= gram.charAt(i);
            h *= 0x100000001b3L;
        }
        return h | WORD_BIT;
    }

    /** The words of a normalised text: letters with inner apostrophes and hyphens, and numbers as {@code <num>}. */
    static List<String> words(String t) {
        List<String> out = new ArrayList<>();
        int len = t.length();
        int i = 0;
        while (i < len) {
            char c = t.charAt(i);
            if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < len && (Character.isLetter(t.charAt(j)) || ((t.charAt(j) == '\'' || t.charAt(j) == '-')
                        && j + 1 < len && Character.isLetter(t.charAt(j + 1))))) {
                    j++;
                }
                out.add(t.substring(i, j));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < len && (Character.isDigit(t.charAt(j)) || ((t.charAt(j) == '.' || t.charAt(j) == ',')
                        && j + 1 < len && Character.isDigit(t.charAt(j + 1))))) {
                    j++;
                }
                out.add("<num>");
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }
}
