package dev.fracture.core.judge.internal;

import dev.fracture.core.Axis;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One logistic model per axis over the {@link Feature} vector: P(unsafe) = σ(b + Σ wᵢ·xᵢ).
 *
 * <p>The weights come from a text resource written by {@link EmbeddedJudgeTrainer}: a {@code [axis]}
 * header, then {@code feature<TAB>weight} lines, with {@code bias} for b. A feature a section does not
 * name has weight 0; an unknown feature or axis is an error naming the source and line.
 */
public final class LinearModel {

    private static final Pattern SECTION = Pattern.compile("^\\[([a-z]+)]$");
    private static final Pattern LINE = Pattern.compile("^([a-z.]+)\\s+(-?\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?)$");
    private static final Pattern GRAM = Pattern.compile("^g\\t(-?\\d+(?:\\.\\d+)?)\\t(\\S.*)$");
    static final String BIAS = "bias";

    /**
     * Weights of one axis: the bias, one weight per feature ordinal, and weights of speech-act grams,
     * also indexed by gram key ({@link SpeechActGrams#key}) for the judge's lookups.
     */
    public static final class Weights {
        private final double bias;
        private final double[] w;
        private final Map<String, Double> grams;
        /**
         * The grams by key in an open-addressing table of two longs a slot, the key and its summed weight's bits, so
         * that a lookup reads one cache line; key 0 marks an empty slot.
         */
        private final long[] slots;

        public Weights(double bias, double[] w, Map<String, Double> grams) {
            this(bias, w, Map.copyOf(grams), grams);
        }

        /**
         * {@code grams} as kept (unmodifiable), and {@code ordered}, the same grams to index: in their own order when
         * that is ascending (a parsed file is), else sorted, so that grams sharing a key add up in one order.
         */
        private Weights(double bias, double[] w, Map<String, Double> grams, Map<String, Double> ordered) {
            this.bias = bias;
            this.w = w;
            this.grams = grams;
            int capacity = Integer.highestOneBit(Math.max(16, this.grams.size() * 2) - 1) << 1;
            long[] keys = new long[capacity];
            double[] values = new double[capacity];
            for (Map.Entry<String, Double> e : ascending(ordered).entrySet()) {
                long key = WordGrams.isWordGram(e.getKey()) ? WordGrams.key(e.getKey()) : SpeechActGrams.key(e.getKey());
                if (key == 0) {
                    continue; // a gram no answer can produce never counts
                }
                int h = mix(key) & (capacity - 1);
                while (keys[h] != 0 && keys[h] != key) {
                    h = (h + 1) & (capacity - 1);
                }
                keys[h] = key;
                values[h] += e.getValue();
            }
            this.slots = new long[2 * capacity];
            for (int h = 0; h < capacity; h++) {
                slots[2 * h] = keys[h];
                slots[2 * h + 1] = Double.doubleToRawLongBits(values[h]);
            }
        }

        private static Map<String, Double> ascending(Map<String, Double> grams) {
            String previous = null;
            for (String g : grams.keySet()) {
                if (previous != null && previous.compareTo(g) >= 0) {
                    return new java.util.TreeMap<>(grams);
                }
                previous = g;
            }
            return grams;
        }

        public double bias() {
            return bias;
        }

        public double[] w() {
            return w;
        }

        public Map<String, Double> grams() {
            return grams;
        }

        public double z(double[] x) {
            double z = bias;
            for (int i = 0; i < w.length; i++) {
                z += w[i] * x[i];
            }
            return z;
        }

        /** The log-odds from the dense features and the grams present. */
        public double z(double[] x, Iterable<String> present) {
            return z(x) + grams(present);
        }

        /** The log-odds from the dense features and the grams present, given by key, each once. */
        public double z(double[] x, long[] present) {
            return z(x) + grams(present);
        }

        /** The summed weight of the grams present. */
        public double grams(Iterable<String> present) {
            double z = 0;
            for (String g : present) {
                Double v = grams.get(g);
                if (v != null) {
                    z += v;
                }
            }
            return z;
        }

        /** The summed weight of the grams present, given by key, each once. */
        public double grams(long[] present) {
            double z = 0;
            // The table in a local: a JVM running the quick compiler alone (as short test JVMs do) does not keep the
            // field in a register.
            long[] table = slots;
            int mask = table.length / 2 - 1;
            for (long key : present) {
                int h = mix(key) & mask;
                long k;
                while ((k = table[2 * h]) != 0) {
                    if (k == key) {
                        z += Double.longBitsToDouble(table[2 * h + 1]);
                        break;
                    }
                    h = (h + 1) & mask;
                }
            }
            return z;
        }
    }

    /** A hash of a gram key for open addressing (the finaliser of MurmurHash3). */
    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    private final Map<Axis, Weights> byAxis;

    public LinearModel(Map<Axis, Weights> byAxis) {
        this.byAxis = new EnumMap<>(byAxis);
    }

    public static LinearModel parse(String text, String source) {
        Map<Axis, Weights> byAxis = parse(text, source, 0);
        for (Axis a : Axis.values()) {
            if (!byAxis.containsKey(a)) {
                throw new IllegalArgumentException(source + ": no [" + a.key() + "] section; every axis needs weights");
            }
        }
        return new LinearModel(byAxis);
    }

    /**
     * The model of one axis only, parsed from that axis's section of the text {@link #parse} reads (the others are
     * not read); errors name the line in the whole text.
     */
    public static LinearModel parseAxis(String text, String source, Axis axis) {
        WeightSections.Section section = WeightSections.of(text, source, axis);
        return new LinearModel(parse(section.text(), source, section.firstLine()));
    }

    /** The sections of a text whose first line is line {@code lineOffset + 1} of the source. */
    private static Map<Axis, Weights> parse(String text, String source, int lineOffset) {
        Map<Axis, Weights> byAxis = new EnumMap<>(Axis.class);
        Axis axis = null;
        double bias = 0;
        double[] w = null;
        Map<String, Double> grams = null;
        String[] lines = lines(text);
        for (int i = 0; i < lines.length; i++) {
            if (axis != null && lines[i].startsWith("g\t")) {
                // About 200,000 gram lines: read by hand; a line this does not accept takes the general path below.
                int tab = gramNumberEnd(lines[i]);
                if (tab > 0 && plainGram(lines[i], tab + 1)) {
                    String name = lines[i].substring(tab + 1);
                    if (grams.put(name, Double.parseDouble(lines[i].substring(2, tab))) != null) {
                        throw new IllegalArgumentException(source + " line " + (lineOffset + i + 1) + ": gram '" + name
                                + "' appears twice in [" + axis.key() + "]");
                    }
                    continue;
                }
            }
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (lineOffset + i + 1);
            Matcher gram = GRAM.matcher(lines[i]);
            if (gram.matches() && axis != null) {
                if (grams.put(gram.group(2), Double.parseDouble(gram.group(1))) != null) {
                    throw new IllegalArgumentException(where + ": gram '" + gram.group(2) + "' appears twice in ["
                            + axis.key() + "]");
                }
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                if (axis != null) {
                    byAxis.put(axis, owned(bias, w, grams));
                }
                try {
                    axis = Axis.parse(section.group(1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": unknown axis [" + section.group(1) + "]: " + e.getMessage(), e);
                }
                if (byAxis.containsKey(axis)) {
                    throw new IllegalArgumentException(where + ": axis [" + section.group(1) + "] appears twice");
                }
                bias = 0;
                w = new double[Feature.values().length];
                grams = new java.util.LinkedHashMap<>();
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (axis == null || !m.matches()) {
                throw new IllegalArgumentException(where + ": expected an [axis] header or 'feature<TAB>weight', got '"
                        + line + "'");
            }
            double value = Double.parseDouble(m.group(2));
            if (m.group(1).equals(BIAS)) {
                bias = value;
                continue;
            }
            Feature f = Feature.byKey(m.group(1));
            if (f == null) {
                throw new IllegalArgumentException(where + ": unknown feature '" + m.group(1)
                        + "'; the features are listed in dev.fracture.core.judge.internal.Feature");
            }
            w[f.ordinal()] = value;
        }
        if (axis != null) {
            byAxis.put(axis, owned(bias, w, grams));
        }
        return byAxis;
    }

    /** Weights over a gram map parse built and no one else holds: kept unmodifiable, not copied. */
    private static Weights owned(double bias, double[] w, Map<String, Double> grams) {
        return new Weights(bias, w, java.util.Collections.unmodifiableMap(grams), grams);
    }

    /** The lines of a text, split at {@code \n} with a {@code \r} before it dropped, as {@code split("\r?\n", -1)}. */
    static String[] lines(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int nl = text.indexOf('\n', from);
            if (nl < 0) {
                out.add(text.substring(from));
                return out.toArray(new String[0]);
            }
            out.add(text.substring(from, nl > from && text.charAt(nl - 1) == '\r' ? nl - 1 : nl));
            from = nl + 1;
        }
    }

    /** The index of the tab after {@code g<TAB>-?digits(.digits)?}, or -1 when the line does not start so. */
    private static int gramNumberEnd(String line) {
        int i = 2;
        if (i < line.length() && line.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < line.length() && Character.isDigit(line.charAt(i)) && line.charAt(i) < 128) {
            i++;
        }
        if (i == digits) {
            return -1;
        }
        if (i < line.length() && line.charAt(i) == '.') {
            int fraction = ++i;
            while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                i++;
            }
            if (i == fraction) {
                return -1;
            }
        }
        return i < line.length() && line.charAt(i) == '\t' ? i : -1;
    }

    /** Whether the gram from {@code from} is what {@code \S.*} accepts: a non-blank first character, no line break. */
    private static boolean plainGram(String line, int from) {
        if (from >= line.length() || " \t\n\u000B\f\r".indexOf(line.charAt(from)) >= 0) {
            return false;
        }
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    public Weights weights(Axis axis) {
        return byAxis.get(axis);
    }

    /** The text {@link #parse} reads, with a header of comment lines. */
    public String format(String header) {
        StringBuilder sb = new StringBuilder(header);
        for (Axis axis : Axis.values()) {
            Weights ws = byAxis.get(axis);
            sb.append("\n[").append(axis.key()).append("]\n");
            sb.append(String.format(Locale.ROOT, "%s\t%.4f%n", BIAS, ws.bias()));
            for (Feature f : Feature.values()) {
                sb.append(String.format(Locale.ROOT, "%s\t%.4f%n", f.key(), ws.w()[f.ordinal()]));
            }
            new java.util.TreeMap<>(ws.grams()).forEach((g, v) -> {
                if (Math.abs(v) >= 0.00005) {
                    sb.append(String.format(Locale.ROOT, "g\t%.4f\t%s%n", v, g));
                }
            });
        }
        return sb.toString();
    }
}
