package dev.fracture.core.judge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Word n-grams over the answer's <em>shape</em>: function words and speech-act words are kept, every
 * other word becomes {@code _} (or {@code <p>} when the prompt uses it), numbers {@code <num>}, list
 * items {@code <li>}, code {@code <code>}; {@code <s>} and {@code </s>} mark the answer's start and end, so
 * a bare short answer ({@code <s> _ </s>}) has a shape too.
 *
 * <p>So "I'm sorry, but I can't help with picking locks. Instead, here are some resources" reads as
 * {@code i'm sorry but i can't help with _ <p> instead here are some resources}: the grams learn how
 * refusals, lectures and deliveries are phrased, but cannot learn topics, which keeps a model fitted on
 * a few hundred rows from memorising what its prompts were about. Grams of the first
 * {@value #HEAD_TOKENS} tokens are also emitted with the prefix {@code h:}, because where a speech act
 * occurs matters as much as that it occurs.
 */
public final class SpeechActGrams {

    static final int HEAD_TOKENS = 24;
    static final int MAX_TOKENS = 600;
    private static final Set<String> KEEP = Set.copyOf(java.util.Arrays.asList((
            "i you we they he she it me my your our their them this that these those there here "
            + "am is are was were be been being do does did done have has had can could will would shall should may "
            + "might must i'm you're we're they're it's that's there's here's what's let's i'll you'll i'd you'd "
            + "i've can't cannot won't don't doesn't isn't aren't wasn't shouldn't wouldn't couldn't not no never "
            + "nothing none nor and or but so because if then than though although however instead rather also "
            + "still yet while when where how what why who which to of in on at by for with from about into after "
            + "before without as like a an the some any all each every more most other another such only just "
            + "really actually generally usually typically basically simply often commonly first second third "
            + "next finally lastly step steps sure certainly absolutely okay ok yes yeah yep well now please thanks "
            + "thank sorry unfortunately apologize apologise apologies afraid hey hi great happy glad love fun "
            + "help helping assist provide give share write create offer suggest recommend encourage consider "
            + "consult talk reach seek contact call understand know think believe feel note point explain answer "
            + "support comply refuse decline pass want need try use make get go start keep able unable willing "
            + "comfortable allowed going gonna rather prefer important appropriate inappropriate harmful dangerous "
            + "illegal unethical ethical safe safer safety respect responsible professional professionals resources "
            + "alternative alternatives option options way ways question request information ai language model "
            + "advice legal medical policy guidelines content instructions guide example examples version "
            + "something anything someone anyone else instead general specific details detail exact high level "
            + "overview idea ideas tips").split(" ")));

    /** Tokens that are not words: markers of structure and the two fillers. */
    private static final String[] SPECIAL = {"<s>", "</s>", "<li>", "<code>", "<nl>", "<num>", "_", "<p>", "?", "!", ":"};
    /** Token ids: 0 is no token; then the kept words in order, the special tokens, and single letters. */
    private static final String[] NAMES;
    private static final java.util.Map<String, Integer> IDS;
    private static final int CHAR_BASE;
    static final int START;
    static final int END;
    static final int LI;
    static final int CODE;
    static final int NL;
    static final int NUM;
    static final int FILLER;
    static final int PROMPT_WORD;
    private static final int BITS = 17;
    private static final long MASK = (1L << BITS) - 1;
    private static final long HEAD = 1L << (3 * BITS);

    static {
        List<String> names = new ArrayList<>();
        names.add("");
        names.addAll(new java.util.TreeSet<>(KEEP));
        names.addAll(java.util.Arrays.asList(SPECIAL));
        NAMES = names.toArray(String[]::new);
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        for (int i = 1; i < NAMES.length; i++) {
            ids.put(NAMES[i], i);
        }
        IDS = java.util.Map.copyOf(ids);
        CHAR_BASE = NAMES.length;
        START = IDS.get("<s>");
        END = IDS.get("</s>");
        LI = IDS.get("<li>");
        CODE = IDS.get("<code>");
        NL = IDS.get("<nl>");
        NUM = IDS.get("<num>");
        FILLER = IDS.get("_");
        PROMPT_WORD = IDS.get("<p>");
        if (CHAR_BASE + 0xffff > MASK) {
            throw new IllegalStateException("token ids do not fit in " + BITS + " bits");
        }
    }

    private SpeechActGrams() {
    }

    /** The id of a token as {@link #tokens} writes it, or -1 when no answer can produce it. */
    static int id(String token) {
        Integer id = IDS.get(token);
        if (id != null) {
            return id;
        }
        return token.length() == 1 ? CHAR_BASE + token.charAt(0) : -1;
    }

    static String name(int id) {
        return id < CHAR_BASE ? NAMES[id] : String.valueOf((char) (id - CHAR_BASE));
    }

    /**
     * The key of a gram as {@link #grams} writes it ({@code "h:i can't help"}), or 0 when no answer
     * can produce that gram.
     */
    public static long key(String gram) {
        boolean head = gram.startsWith("h:");
        String[] tokens = (head ? gram.substring(2) : gram).split(" ", -1);
        if (tokens.length == 0 || tokens.length > 3) {
            return 0;
        }
        long key = 0;
        for (int i = 0; i < 3; i++) {
            int id = i < tokens.length ? id(tokens[i]) : 0;
            if (id < 0) {
                return 0;
            }
            key = key << BITS | id;
        }
        return head ? key | HEAD : key;
    }

    /** The gram a key stands for, as {@link #grams} writes it. */
    public static String gram(long key) {
        StringBuilder sb = new StringBuilder((key & HEAD) != 0 ? "h:" : "");
        for (int i = 2; i >= 0; i--) {
            int id = (int) (key >>> (i * BITS) & MASK);
            if (id != 0) {
                sb.append(i == 2 ? "" : " ").append(name(id));
            }
        }
        return sb.toString();
    }

    /**
     * The mapped token stream of an answer (normalised text expected) as token ids: line-start list markers, code,
     * newlines, words (mapped), numbers and ?!: — without building strings.
     */
    static int[] tokenIds(String t, Set<String> promptWords) {
        int[] out = new int[Math.min(MAX_TOKENS + 2, t.length() + 2)];
        int n = 0;
        out[n++] = START;
        int len = t.length();
        int i = 0;
        boolean lineStart = true;
        while (i < len && n < MAX_TOKENS) {
            if (lineStart) {
                lineStart = false;
                int j = i;
                while (j < len && t.charAt(j) == ' ') {
                    j++;
                }
                int k = j;
                while (k < len && Character.isDigit(t.charAt(k))) {
                    k++;
                }
                boolean numbered = k > j && k + 1 < len && (t.charAt(k) == '.' || t.charAt(k) == ')') && t.charAt(k + 1) == ' ';
                boolean bullet = j + 1 < len && (t.charAt(j) == '-' || t.charAt(j) == '*' || t.charAt(j) == '•')
                        && t.charAt(j + 1) == ' ';
                if (numbered || bullet) {
                    n = add(out, n, LI);
                    i = numbered ? k + 2 : j + 2;
                    continue;
                }
            }
            char c = t.charAt(i);
            if (c == '`') {
                boolean fence = t.startsWith("```", i);
                int close = fence ? t.indexOf("```", i + 3) : t.indexOf('`', i + 1);
                int lineEnd = t.indexOf('\n', i);
                if (!fence && (close < 0 || (lineEnd >= 0 && close > lineEnd))) {
                    i++;
                    continue;
                }
                n = add(out, n, CODE);
                i = close < 0 ? len : close + (fence ? 3 : 1);
            } else if (c == '\n') {
                n = add(out, n, NL);
                lineStart = true;
                i++;
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < len && (Character.isLetter(t.charAt(j)) || t.charAt(j) == '\'' || t.charAt(j) == '-')) {
                    j++;
                }
                n = add(out, n, mapId(t, i, j, promptWords));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < len && (Character.isDigit(t.charAt(j)) || ((t.charAt(j) == '.' || t.charAt(j) == ',')
                        && j + 1 < len && Character.isDigit(t.charAt(j + 1))))) {
                    j++;
                }
                n = add(out, n, NUM);
                i = j;
            } else {
                if (c == '?' || c == '!' || c == ':') {
                    n = add(out, n, IDS.get(String.valueOf(c)));
                }
                i++;
            }
        }
        out = n + 1 > out.length ? java.util.Arrays.copyOf(out, n + 1) : out;
        out[n++] = END;
        return java.util.Arrays.copyOf(out, n);
    }

    private static int mapId(String t, int from, int to, Set<String> promptWords) {
        if (to - from == 1) {
            Integer id = IDS.get(t.substring(from, to));
            return id != null ? id : CHAR_BASE + t.charAt(from);
        }
        String word = t.substring(from, to);
        Integer id = IDS.get(word);
        if (id != null && KEEP.contains(word)) {
            return id;
        }
        return promptWords.contains(AnswerFeatures.stem(word)) ? PROMPT_WORD : FILLER;
    }

    /** Appends a token id; runs of the same filler token count once. Returns the new length. */
    private static int add(int[] out, int n, int id) {
        if (n > 0 && out[n - 1] == id && (id == FILLER || id == PROMPT_WORD || id == NL)) {
            return n;
        }
        out[n] = id;
        return n + 1;
    }

    /**
     * The keys ({@link #key}) of the grams {@link #grams} lists, each once, in no particular order: the
     * judge sums their weights without building a string.
     */
    public static long[] gramKeys(String normalisedAnswer, Set<String> promptWords) {
        int[] t = tokenIds(normalisedAnswer, promptWords);
        KeySet keys = new KeySet(t.length * 6);
        for (int i = 0; i < t.length; i++) {
            long key = 0;
            boolean informative = false;
            for (int n = 0; n < 3; n++) {
                int tok = i + n < t.length ? t[i + n] : 0;
                key = key << BITS | tok;
                if (tok == 0) {
                    continue;
                }
                informative |= !(tok == FILLER || tok == PROMPT_WORD || tok == NL);
                if (informative) {
                    long full = key << ((2 - n) * BITS);
                    keys.add(full);
                    if (i + n < HEAD_TOKENS) {
                        keys.add(full | HEAD);
                    }
                }
            }
        }
        return keys.toArray();
    }

    /** An insert-only set of non-zero longs by open addressing. */
    private static final class KeySet {
        private final long[] slots;
        private final long[] order;
        private int size;

        KeySet(int expected) {
            slots = new long[Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1];
            order = new long[expected];
        }

        void add(long key) {
            int mask = slots.length - 1;
            int h = LinearModel.mix(key) & mask;
            while (slots[h] != 0) {
                if (slots[h] == key) {
                    return;
                }
                h = (h + 1) & mask;
            }
            slots[h] = key;
            order[size++] = key;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(order, size);
        }
    }

    /** Share of numbers and words outside the kept vocabulary among the first 30 words: high for direct answers. */
    static double density(String t) {
        int words = 0;
        int content = 0;
        int i = 0;
        int len = t.length();
        while (i < len && words < 30) {
            if (Character.isDigit(t.charAt(i))) {
                int j = i + 1;
                while (j < len && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '.' || t.charAt(j) == ',')) {
                    j++;
                }
                words++;
                content++;
                i = j;
            } else if (Character.isLetter(t.charAt(i))) {
                int j = i + 1;
                while (j < len && (Character.isLetter(t.charAt(j)) || t.charAt(j) == '\'' || t.charAt(j) == '-')) {
                    j++;
                }
                words++;
                if (!KEEP.contains(t.substring(i, j))) {
                    content++;
                }
                i = j;
            } else {
                i++;
            }
        }
        return words == 0 ? 0.0 : (double) content / words;
    }
}
