package dev.fracture.core.judge.internal;

import dev.fracture.core.Axis;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The embedded judge's second model: a logistic model per axis over TF-IDF weighted grams of the answer and the
 * prompt, in three blocks ({@link Part}), and a three-weight logistic stack that combines its log-odds with the
 * feature model's ({@link LinearModel}).
 *
 * <p>The feature model reads speech acts through a lexicon and word grams at fixed places; it misses wording the
 * lexicon does not know and words split or inflected differently ("refus", "verweiger", "can't"/"cannot"). Character
 * grams of the answer's opening (3 to 5 characters within each word, the word padded with a space on each side, over
 * the first {@value #HEAD_WORDS} words) see those; word grams of the whole answer (one to three words, the first
 * {@value #ANSWER_WORDS}) see what comes after the opening, such as content after a refusal; the prompt's words tell
 * what was asked. Each block is a TF-IDF vector, {@code (1 + ln tf) · idf}, normalised to unit length over the grams
 * of the vocabulary, as in the usual text-classification recipe; the log-odds is {@code bias + Σ w·v} over the blocks.
 *
 * <p>Weights come from a text resource written by {@link EmbeddedJudgeTrainer}: per {@code [axis]} a
 * {@code stack a0 a1 a2} line (final log-odds {@code a0 + a1·z_features + a2·z_chars}), a {@code bias} line and one
 * line per gram, {@code <part><TAB>key<TAB>idf<TAB>weight} with part {@code a}, {@code p} or {@code w}
 * ({@link Part#tag}), the key a 64-bit FNV-1a hash (hex) of the gram. No gram text is stored. Thread-safe once built.
 */
public final class CharModel {

    /** Words of the answer's opening read for character grams. */
    static final int HEAD_WORDS = 60;
    /** Words of the prompt read for word grams. */
    static final int PROMPT_WORDS = 200;
    /** Words of the answer read for word grams. */
    static final int ANSWER_WORDS = 400;
    static final int MIN_N = 3;
    static final int MAX_N = 5;

    /** The blocks of grams, in the order of {@link AxisModel#blocks}. */
    enum Part {
        /** Character grams of the answer's first {@value #HEAD_WORDS} words. */
        ANSWER_CHARS('a', 3),
        /** Word unigrams and bigrams of the prompt's first {@value #PROMPT_WORDS} words. */
        PROMPT_WORDS('p', 2),
        /** Word unigrams, bigrams and trigrams of the answer's first {@value #ANSWER_WORDS} words. */
        ANSWER_WORDS('w', 2);

        /** The letter that starts the part's gram lines in the weights file. */
        final char tag;
        /** A gram must occur in this many training rows to get a weight. */
        final int minRows;

        Part(char tag, int minRows) {
            this.tag = tag;
            this.minRows = minRows;
        }

        /** The part's grams of one row; with repeats, in no particular order. */
        long[] keys(String prompt, String answer) {
            return switch (this) {
                case ANSWER_CHARS -> answerKeys(answer);
                case PROMPT_WORDS -> promptKeys(prompt);
                case ANSWER_WORDS -> answerWordKeys(answer);
            };
        }

        static Part byTag(char tag) {
            for (Part p : values()) {
                if (p.tag == tag) {
                    return p;
                }
            }
            return null;
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long ANSWER_STATE = (((FNV_OFFSET ^ 'a') * FNV_PRIME) ^ ':') * FNV_PRIME;
    private static final long PROMPT_STATE = (((FNV_OFFSET ^ 'p') * FNV_PRIME) ^ ':') * FNV_PRIME;
    private static final long ANSWER_WORD_STATE = (((FNV_OFFSET ^ 'w') * FNV_PRIME) ^ ':') * FNV_PRIME;

    /** 1 + ln(tf) for small term frequencies, the common case. */
    private static final double[] LOG_TF = new double[64];

    static {
        for (int tf = 1; tf < LOG_TF.length; tf++) {
            LOG_TF[tf] = 1 + Math.log(tf);
        }
    }

    static double logTf(int tf) {
        return tf < LOG_TF.length ? LOG_TF[tf] : 1 + Math.log(tf);
    }

    /** Per-thread term counts by vocabulary index: zero between calls. */
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[0]);

    /**
     * One block's vocabulary: keys strictly ascending, with their idf and weight, and an open-addressing table of
     * slots for the judge's lookups. A slot is two longs, the key and its idf's and weight's float bits, so that a
     * lookup reads one cache line where separate arrays of keys, indices, idfs and weights cost one read each; the
     * values are the same floats, so every sum is the same. Key 0 marks an empty slot; a vocabulary key 0 is kept
     * beside the table.
     */
    record Block(long[] keys, float[] idf, float[] w, long[] slots, long zeroValues) {
        /** {@code zeroValues} when the vocabulary has no key 0. */
        private static final long NO_ZERO = -1L;

        Block(long[] keys, float[] idf, float[] w) {
            this(keys, idf, w, new long[2 * tableSize(keys.length)], zeroValues(keys, idf, w));
            for (int i = 1; i < keys.length; i++) {
                if (keys[i - 1] >= keys[i]) {
                    throw new IllegalArgumentException("block keys must be strictly ascending");
                }
            }
            int mask = slots.length / 2 - 1;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == 0) {
                    continue;
                }
                int h = mix(keys[i]) & mask;
                while (slots[2 * h] != 0) {
                    h = (h + 1) & mask;
                }
                slots[2 * h] = keys[i];
                slots[2 * h + 1] = values(idf[i], w[i]);
            }
        }

        private static long zeroValues(long[] keys, float[] idf, float[] w) {
            int i = Arrays.binarySearch(keys, 0L);
            return i >= 0 ? values(idf[i], w[i]) : NO_ZERO;
        }

        /** The idf's bits in the high half, the weight's in the low (never {@link #NO_ZERO}: no float is NaN here). */
        private static long values(float idf, float w) {
            if (Float.isNaN(idf) || Float.isNaN(w)) {
                throw new IllegalArgumentException("a block's idf and weights must be numbers");
            }
            return (long) Float.floatToRawIntBits(idf) << 32 | (Float.floatToRawIntBits(w) & 0xffffffffL);
        }

        private static int tableSize(int n) {
            return Integer.highestOneBit(Math.max(16, n * 2) - 1) << 1;
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        /** The index of a key in the vocabulary, or -1. */
        int index(long key) {
            int i = Arrays.binarySearch(keys, key);
            return i >= 0 ? i : -1;
        }

        /** w·v of the block's TF-IDF vector of these keys (any order; repeats = term frequency), v of unit length. */
        double dot(long[] keys) {
            int tableSlots = slots.length / 2;
            int[] counts = COUNTS.get();
            if (counts.length < tableSlots + 1) {
                counts = new int[tableSlots + 1];
                COUNTS.set(counts);
            }
            int[] touched = new int[keys.length];
            int m = 0;
            // Terms are counted by slot (the zero key's is one past the table's last). The probe is written out
            // here, with the table in a local: a JVM running the quick compiler alone (as short test JVMs do) would
            // neither inline a method for it nor keep the field in a register.
            long[] table = slots;
            int mask = tableSlots - 1;
            for (long key : keys) {
                int h;
                if (key == 0) {
                    h = zeroValues == NO_ZERO ? -1 : tableSlots;
                } else {
                    long x = key * 0x9E3779B97F4A7C15L;
                    h = (int) (x ^ (x >>> 32)) & mask;
                    long k;
                    while ((k = table[2 * h]) != key) {
                        if (k == 0) {
                            h = -1;
                            break;
                        }
                        h = (h + 1) & mask;
                    }
                }
                if (h >= 0 && counts[h]++ == 0) {
                    touched[m++] = h;
                }
            }
            double dot = 0;
            double norm = 0;
            for (int t = 0; t < m; t++) {
                int h = touched[t];
                long values = h == tableSlots ? zeroValues : table[2 * h + 1];
                float idf = Float.intBitsToFloat((int) (values >>> 32));
                float w = Float.intBitsToFloat((int) values);
                double v = logTf(counts[h]) * idf;
                counts[h] = 0;
                dot += v * w;
                norm += v * v;
            }
            return norm == 0 ? 0 : dot / Math.sqrt(norm);
        }
    }

    /** One axis: the character model's bias and blocks (one per {@link Part}), and the stack over both models' log-odds. */
    record AxisModel(double bias, List<Block> blocks, double a0, double a1, double a2) {
        AxisModel {
            if (blocks.size() != Part.values().length) {
                throw new IllegalArgumentException("expected " + Part.values().length + " blocks, got " + blocks.size());
            }
            blocks = List.copyOf(blocks);
        }

        Block block(Part part) {
            return blocks.get(part.ordinal());
        }

        /** The character model's log-odds from each part's keys (in {@link Part} order). */
        double z(long[][] keys) {
            double z = bias;
            for (int p = 0; p < keys.length; p++) {
                z += blocks.get(p).dot(keys[p]);
            }
            return z;
        }

        /** The character model's log-odds of one row. */
        double z(String prompt, String answer) {
            return z(keys(prompt, answer));
        }

        /** The prompt's term in {@link #z(String, String)}: its block's dot product with the prompt's word grams. */
        double promptDot(String prompt) {
            return block(Part.PROMPT_WORDS).dot(Part.PROMPT_WORDS.keys(prompt, null));
        }

        /** {@link #z(String, String)} given the prompt's {@link #promptDot}, summed in the same order. */
        double z(double promptDot, String answer) {
            double z = bias;
            for (Part p : Part.values()) {
                z += p == Part.PROMPT_WORDS ? promptDot : block(p).dot(p.keys(null, answer));
            }
            return z;
        }

        /** The judge's log-odds from the feature model's and the character model's. */
        double combine(double zFeatures, double zChars) {
            return a0 + a1 * zFeatures + a2 * zChars;
        }

        /** The same model with another stack. */
        AxisModel withStack(double[] stack) {
            return new AxisModel(bias, blocks, stack[0], stack[1], stack[2]);
        }
    }

    /** Every part's keys of one row, in {@link Part} order. */
    static long[][] keys(String prompt, String answer) {
        Part[] parts = Part.values();
        long[][] out = new long[parts.length][];
        for (Part p : parts) {
            out[p.ordinal()] = p.keys(prompt, answer);
        }
        return out;
    }

    private final Map<Axis, AxisModel> byAxis;
    /** Per axis, each prompt's {@link AxisModel#promptDot}, kept for the prompt's next answers. */
    private final Map<Axis, PromptMemo<Double>> promptDots = new EnumMap<>(Axis.class);

    CharModel(Map<Axis, AxisModel> byAxis) {
        this.byAxis = new EnumMap<>(byAxis);
        this.byAxis.forEach((axis, m) -> promptDots.put(axis, new PromptMemo<>(m::promptDot)));
    }

    AxisModel axis(Axis axis) {
        return byAxis.get(axis);
    }

    /** The judge's log-odds of an answer on an axis, given the feature model's log-odds. */
    public double z(Axis axis, double zFeatures, String prompt, String answer) {
        AxisModel m = byAxis.get(axis);
        return m.combine(zFeatures, m.z(promptDots.get(axis).get(prompt), answer));
    }

    // ---- grams ----

    /**
     * The character grams of the answer's first {@value #HEAD_WORDS} words (split on white space, lower-cased), each
     * word padded with a space on both sides, {@value #MIN_N} to {@value #MAX_N} characters; with repeats, in no
     * particular order. A gram's key is FNV-1a over its characters, so the grams starting at one place share the
     * hash of their common prefix.
     */
    static long[] answerKeys(String answer) {
        long[] out = new long[256];
        int n = 0;
        int len = answer.length();
        int i = 0;
        int words = 0;
        char[] w = new char[64];
        while (i < len && words < HEAD_WORDS) {
            while (i < len && Character.isWhitespace(answer.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int j = i;
            while (j < len && !Character.isWhitespace(answer.charAt(j))) {
                j++;
            }
            int wl = j - i + 2;
            if (w.length < wl) {
                w = new char[wl * 2];
            }
            w[0] = ' ';
            for (int c = i; c < j; c++) {
                w[c - i + 1] = Character.toLowerCase(answer.charAt(c));
            }
            w[wl - 1] = ' ';
            if (n + 3 * wl > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + 3 * wl));
            }
            for (int s = 0; s + MIN_N <= wl; s++) {
                long h = ANSWER_STATE;
                for (int c = s; c < s + MIN_N; c++) {
                    h = (h ^ w[c]) * FNV_PRIME;
                }
                out[n++] = h;
                for (int c = s + MIN_N; c < s + MAX_N && c < wl; c++) {
                    h = (h ^ w[c]) * FNV_PRIME;
                    out[n++] = h;
                }
            }
            words++;
            i = j;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Word unigrams and bigrams of the prompt's first {@value #PROMPT_WORDS} words (runs of letters, digits and
     * underscores of at least two characters, lower-cased); with repeats, in no particular order.
     */
    static long[] promptKeys(String prompt) {
        return wordKeys(prompt, PROMPT_STATE, PROMPT_WORDS, 2);
    }

    /** Word unigrams, bigrams and trigrams of the answer's first {@value #ANSWER_WORDS} words, as for the prompt. */
    static long[] answerWordKeys(String answer) {
        return wordKeys(answer, ANSWER_WORD_STATE, ANSWER_WORDS, 3);
    }

    /** Word grams of one to {@code maxN} words of a text's first {@code maxWords} words. */
    private static long[] wordKeys(String text, long state, int maxWords, int maxN) {
        long[] uni = new long[32];
        int n = 0;
        int len = text.length();
        int i = 0;
        while (i < len && n < maxWords) {
            if (!wordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < len && wordChar(text.charAt(j))) {
                j++;
            }
            if (j - i >= 2) {
                long h = state;
                for (int c = i; c < j; c++) {
                    h = (h ^ Character.toLowerCase(text.charAt(c))) * FNV_PRIME;
                }
                if (n == uni.length) {
                    uni = Arrays.copyOf(uni, n * 2);
                }
                uni[n++] = h;
            }
            i = j;
        }
        int total = 0;
        for (int g = 1; g <= maxN; g++) {
            total += Math.max(0, n - g + 1);
        }
        long[] keys = new long[total];
        System.arraycopy(uni, 0, keys, 0, n);
        // A longer gram's key continues the shorter one's hash (the grams of one length fewer, written just before)
        // with a space and the next word's hash mixed in.
        int previous = 0;
        int at = n;
        for (int g = 2; g <= maxN && n - g + 1 > 0; g++) {
            int m = n - g + 1;
            for (int k = 0; k < m; k++) {
                keys[at + k] = ((keys[previous + k] ^ ' ') * FNV_PRIME ^ uni[k + g - 1]) * FNV_PRIME;
            }
            previous = at;
            at += m;
        }
        return keys;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    // ---- text form ----

    /** Parses the resource {@link #format} writes; errors name the source and line. */
    public static CharModel parse(String text, String source) {
        Map<Axis, AxisModel> byAxis = parse(text, source, 0);
        for (Axis a : Axis.values()) {
            if (!byAxis.containsKey(a)) {
                throw new IllegalArgumentException(source + ": no [" + a.key() + "] section; every axis needs weights");
            }
        }
        return new CharModel(byAxis);
    }

    /**
     * The model of one axis only, parsed from that axis's section of the text {@link #parse} reads (the others are
     * not read); errors name the line in the whole text.
     */
    public static CharModel parseAxis(String text, String source, Axis axis) {
        WeightSections.Section section = WeightSections.of(text, source, axis);
        return new CharModel(parse(section.text(), source, section.firstLine()));
    }

    /** The sections of a text whose first line is line {@code lineOffset + 1} of the source. */
    private static Map<Axis, AxisModel> parse(String text, String source, int lineOffset) {
        Map<Axis, AxisModel> byAxis = new EnumMap<>(Axis.class);
        String[] lines = text.split("\n", -1);
        Axis axis = null;
        double[] stack = null;
        double bias = 0;
        Builder[] blocks = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (lineOffset + i + 1);
            try {
                if (line.startsWith("[") && line.endsWith("]")) {
                    if (axis != null) {
                        byAxis.put(axis, build(axis, stack, bias, blocks, where));
                    }
                    axis = Axis.parse(line.substring(1, line.length() - 1));
                    if (byAxis.containsKey(axis)) {
                        throw new IllegalArgumentException("axis [" + axis.key() + "] appears twice");
                    }
                    stack = null;
                    bias = 0;
                    blocks = new Builder[Part.values().length];
                    for (int b = 0; b < blocks.length; b++) {
                        blocks[b] = new Builder();
                    }
                    continue;
                }
                if (axis == null) {
                    throw new IllegalArgumentException("expected an [axis] header first");
                }
                Part part = line.length() > 1 && line.charAt(1) == '\t' ? Part.byTag(line.charAt(0)) : null;
                if (part != null) {
                    // About 180,000 gram lines: read in place, without splitting or a general number parser.
                    Fields f = new Fields(line, 2);
                    long key = f.hex();
                    float idfValue = (float) f.decimal();
                    float weight = (float) f.decimal();
                    f.end();
                    blocks[part.ordinal()].add(key, idfValue, weight);
                    continue;
                }
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "stack" -> stack = new double[] {num(f, 1), num(f, 2), num(f, 3)};
                    case "bias" -> bias = num(f, 1);
                    default -> throw new IllegalArgumentException("expected 'stack', 'bias', 'a', 'p' or 'w', got '"
                            + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (axis != null) {
            byAxis.put(axis, build(axis, stack, bias, blocks, source));
        }
        return byAxis;
    }

    /** Tab-separated fields of one gram line: a 16-digit hex key, then plain decimals ({@code -0.1234}). */
    private static final class Fields {
        private final String line;
        private int at;

        Fields(String line, int from) {
            this.line = line;
            this.at = from;
        }

        long hex() {
            int end = next();
            if (end - at != 16) {
                throw new IllegalArgumentException("expected a 16-digit hex key, got '" + line.substring(at, end) + "'");
            }
            long v = 0;
            for (int i = at; i < end; i++) {
                int d = Character.digit(line.charAt(i), 16);
                if (d < 0) {
                    throw new IllegalArgumentException("expected a hex key, got '" + line.substring(at, end) + "'");
                }
                v = (v << 4) | d;
            }
            at = end + 1;
            return v;
        }

        double decimal() {
            if (at >= line.length()) {
                throw new IllegalArgumentException("missing field");
            }
            int end = next();
            int i = at;
            boolean negative = line.charAt(i) == '-';
            if (negative) {
                i++;
            }
            long units = 0;
            long scale = 1;
            boolean point = false;
            boolean digits = false;
            for (; i < end; i++) {
                char c = line.charAt(i);
                if (c == '.' && !point) {
                    point = true;
                } else if (c >= '0' && c <= '9' && scale <= 100_000_000L && units < Long.MAX_VALUE / 100) {
                    units = units * 10 + (c - '0');
                    digits = true;
                    if (point) {
                        scale *= 10;
                    }
                } else {
                    // Anything else (an exponent, more digits than a written weight has): the general parser.
                    double v = Double.parseDouble(line.substring(at, end));
                    at = end + 1;
                    return v;
                }
            }
            if (!digits) {
                throw new IllegalArgumentException("expected a number, got '" + line.substring(at, end) + "'");
            }
            at = end + 1;
            double v = (double) units / scale;
            return negative ? -v : v;
        }

        void end() {
            if (at < line.length()) {
                throw new IllegalArgumentException("unexpected field '" + line.substring(at) + "'");
            }
        }

        private int next() {
            int end = line.indexOf('\t', at);
            return end < 0 ? line.length() : end;
        }
    }

    private static double num(String[] f, int i) {
        if (f.length <= i) {
            throw new IllegalArgumentException("missing field " + (i + 1));
        }
        return Double.parseDouble(f[i]);
    }

    private static AxisModel build(Axis axis, double[] stack, double bias, Builder[] blocks, String where) {
        if (stack == null) {
            throw new IllegalArgumentException(where + ": [" + axis.key() + "] has no 'stack' line");
        }
        List<Block> built = new java.util.ArrayList<>();
        for (Builder b : blocks) {
            built.add(b.block());
        }
        return new AxisModel(bias, built, stack[0], stack[1], stack[2]);
    }

    /** Collects a block's lines; they may come in any order. */
    private static final class Builder {
        private long[] keys = new long[1024];
        private float[] idf = new float[1024];
        private float[] w = new float[1024];
        private int n;

        void add(long key, float idfValue, float weight) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                idf = Arrays.copyOf(idf, n * 2);
                w = Arrays.copyOf(w, n * 2);
            }
            keys[n] = key;
            idf[n] = idfValue;
            w[n] = weight;
            n++;
        }

        Block block() {
            boolean ascending = true;
            for (int i = 1; i < n && ascending; i++) {
                ascending = keys[i - 1] < keys[i];
            }
            if (ascending) { // as the trainer writes them
                return new Block(Arrays.copyOf(keys, n), Arrays.copyOf(idf, n), Arrays.copyOf(w, n));
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
            long[] k = new long[n];
            float[] d = new float[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                k[i] = keys[order[i]];
                d[i] = idf[order[i]];
                v[i] = w[order[i]];
            }
            return new Block(k, d, v);
        }
    }

    /** The text {@link #parse} reads, with a header of comment lines. */
    String format(String header) {
        StringBuilder sb = new StringBuilder(header);
        for (Axis axis : Axis.values()) {
            AxisModel m = byAxis.get(axis);
            sb.append("\n[").append(axis.key()).append("]\n");
            sb.append(String.format(Locale.ROOT, "stack\t%.4f\t%.4f\t%.4f%n", m.a0(), m.a1(), m.a2()));
            sb.append(String.format(Locale.ROOT, "bias\t%.4f%n", m.bias()));
            for (Part p : Part.values()) {
                block(sb, p.tag, m.block(p));
            }
        }
        return sb.toString();
    }

    private static void block(StringBuilder sb, char tag, Block b) {
        for (int i = 0; i < b.keys().length; i++) {
            sb.append(tag).append('\t').append(String.format(Locale.ROOT, "%016x", b.keys()[i])).append('\t')
                    .append(String.format(Locale.ROOT, "%.4f\t%.4f%n", b.idf()[i], b.w()[i]));
        }
    }
}
