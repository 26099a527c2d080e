package dev.fracture.core.judge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Named lists of regular expressions, parsed from a text resource, and matched fast.
 *
 * <p>Speed matters (the judge's budget is a fraction of a millisecond per answer), and trying dozens of
 * alternatives at every character is too slow. So each cue that starts with a word boundary and
 * literal words ({@code \b(?:this|that) ...}) gets <em>trigger</em> prefixes, kept in a
 * trie: the literal strings one of which every match starts with, expanded from the cue's alternatives,
 * optional parts and small character classes ({@code \bi(?:'m| am) not able} gives "i'm not able" and
 * "i am not able", not "i"). A cue is only tried at the starts of the text's words that go on with one of
 * its triggers, once per position, with a matcher kept per thread. Cues without a literal start
 * (anchors, character classes) are searched through the whole text. Errors in the text name the source,
 * the line and the problem. The text is expected lower case, as the judge normalises it.
 */
public final class CueLexicon {

    private static final Pattern SECTION = Pattern.compile("^\\[([a-z-]+)]$");

    /** One cue: its pattern and the word prefixes that can start a match, or null when any position can. */
    record Cue(Pattern pattern, String[] triggers, int line) {
    }

    /**
     * A trie over trigger prefixes; each node lists the cues its prefix triggers, as (section << 16 | cue). A node's
     * children are kept by character in a small sorted array: most nodes of a trigger's tail have one child, and the
     * whole trie stays small enough to sit in the processor's caches while a text is walked down it.
     */
    private static final class Node {
        private static final int[] NONE = new int[0];
        private static final char[] NO_KEYS = new char[0];
        private static final Node[] NO_KIDS = new Node[0];
        /** Children with more keys than this are found by binary search, fewer by a scan. */
        private static final int SCAN = 8;
        char[] keys = NO_KEYS;
        Node[] kids = NO_KIDS;
        int[] cues = NONE;
        /**
         * For a node with more than {@link #SCAN} children, once the trie is built: its children by ASCII character,
         * so that the step from such a node (the root, entered at every word start) is one array read.
         */
        Node[] ascii;

        Node next(char c) {
            Node[] table = ascii;
            if (table != null && c < table.length) {
                return table[c];
            }
            char[] k = keys;
            if (k.length <= SCAN) {
                for (int i = 0; i < k.length; i++) {
                    if (k[i] == c) {
                        return kids[i];
                    }
                }
                return null;
            }
            int i = Arrays.binarySearch(k, c);
            return i >= 0 ? kids[i] : null;
        }

        Node child(char c) {
            int i = Arrays.binarySearch(keys, c);
            if (i >= 0) {
                return kids[i];
            }
            int at = -i - 1;
            char[] k = new char[keys.length + 1];
            Node[] n = new Node[keys.length + 1];
            System.arraycopy(keys, 0, k, 0, at);
            System.arraycopy(kids, 0, n, 0, at);
            System.arraycopy(keys, at, k, at + 1, keys.length - at);
            System.arraycopy(kids, at, n, at + 1, keys.length - at);
            k[at] = c;
            n[at] = new Node();
            keys = k;
            kids = n;
            return n[at];
        }

        /** Fills {@link #ascii} in this node and below, where a node has more than {@link #SCAN} children. */
        void index() {
            if (keys.length > SCAN) {
                ascii = new Node[128];
                for (int i = 0; i < keys.length && keys[i] < 128; i++) {
                    ascii[keys[i]] = kids[i];
                }
            }
            for (Node kid : kids) {
                kid.index();
            }
        }
    }

    private final Map<String, List<Cue>> sections;
    private final Map<String, Integer> sectionIndex = new java.util.HashMap<>();
    private final List<List<Cue>> bySection = new ArrayList<>();
    /** Cues tried at every position (no trigger), per section. */
    private final Cue[][] untriggered;
    /** The first global cue number of each section, for the per-call table of cues already tried. */
    private final int[] cueBase;
    private final int cueCount;
    private final Node trie = new Node();
    /** Each thread's matchers, one per cue, made once and reset to each new text. */
    private final ThreadLocal<Matcher[]> matchers;

    private CueLexicon(Map<String, List<Cue>> sections) {
        this.sections = sections;
        for (String name : new java.util.TreeSet<>(sections.keySet())) {
            sectionIndex.put(name, bySection.size());
            bySection.add(sections.get(name));
        }
        untriggered = new Cue[bySection.size()][];
        cueBase = new int[bySection.size()];
        int base = 0;
        for (int s = 0; s < bySection.size(); s++) {
            List<Cue> cues = bySection.get(s);
            cueBase[s] = base;
            base += cues.size();
            List<Cue> anywhere = new ArrayList<>();
            for (int c = 0; c < cues.size(); c++) {
                String[] triggers = cues.get(c).triggers();
                if (triggers == null) {
                    anywhere.add(cues.get(c));
                    continue;
                }
                for (String trigger : triggers) {
                    Node n = trie;
                    for (int i = 0; i < trigger.length(); i++) {
                        n = n.child(trigger.charAt(i));
                    }
                    int ref = s << 16 | c;
                    if (Arrays.stream(n.cues).noneMatch(r -> r == ref)) {
                        n.cues = Arrays.copyOf(n.cues, n.cues.length + 1);
                        n.cues[n.cues.length - 1] = ref;
                    }
                }
            }
            untriggered[s] = anywhere.toArray(Cue[]::new);
        }
        cueCount = base;
        trie.index();
        matchers = ThreadLocal.withInitial(() -> new Matcher[cueCount]);
    }

    /**
     * Every section's match starts in a text at once: each word start of the text is walked down the
     * trigger trie once, and only the cues whose literal prefixes the text continues with are tried there.
     */
    public Matches match(String text) {
        int sectionCount = bySection.size();
        int[][] starts = new int[sectionCount][];
        int[] counts = new int[sectionCount];
        for (int i = 0; i < sectionCount; i++) {
            starts[i] = new int[4];
        }
        Matcher[] matchers = this.matchers.get();
        boolean[] ready = new boolean[cueCount];
        int[] triedAt = new int[cueCount];
        Arrays.fill(triedAt, -1);
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if (!isWordChar(c) || c == '\'' || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            Node n = trie;
            for (int j = i; j < len; j++) {
                n = n.next(text.charAt(j));
                if (n == null) {
                    break;
                }
                for (int ref : n.cues) {
                    int s = ref >>> 16;
                    int cue = ref & 0xffff;
                    int g = cueBase[s] + cue;
                    if (triedAt[g] == i) {
                        continue;
                    }
                    triedAt[g] = i;
                    Matcher m = matchers[g];
                    if (m == null) {
                        m = matchers[g] = bySection.get(s).get(cue).pattern().matcher(text)
                                .useTransparentBounds(true).useAnchoringBounds(false);
                    } else if (!ready[g]) {
                        m.reset(text);
                    }
                    ready[g] = true;
                    m.region(i, len);
                    if (m.lookingAt()) {
                        starts[s] = add(starts[s], counts[s]++, i);
                    }
                }
            }
            i++;
            while (i < len && isWordChar(text.charAt(i))) {
                i++;
            }
        }
        for (int s = 0; s < sectionCount; s++) {
            for (Cue cue : untriggered[s]) {
                Matcher m = cue.pattern().matcher(text);
                if (cue.pattern().pattern().startsWith("^")) {
                    if (m.lookingAt()) {
                        starts[s] = add(starts[s], counts[s]++, 0);
                    }
                    continue;
                }
                while (m.find()) {
                    starts[s] = add(starts[s], counts[s]++, m.start());
                    if (m.end() == m.start() && m.end() >= len) {
                        break;
                    }
                }
            }
        }
        int[][] out = new int[sectionCount][];
        for (int s = 0; s < sectionCount; s++) {
            int[] a = counts[s] == starts[s].length ? starts[s] : Arrays.copyOf(starts[s], counts[s]);
            Arrays.sort(a);
            out[s] = distinct(a);
        }
        return new Matches(sectionIndex, out);
    }

    /** The match starts of every section in one text. */
    public static final class Matches {
        private final Map<String, Integer> index;
        private final int[][] starts;

        private Matches(Map<String, Integer> index, int[][] starts) {
            this.index = index;
            this.starts = starts;
        }

        /** Sorted distinct start offsets of the section's matches; fails naming an unknown section. */
        public int[] starts(String section) {
            Integer i = index.get(section);
            if (i == null) {
                throw new IllegalArgumentException("cue lexicon has no [" + section + "] section; present: "
                        + new java.util.TreeSet<>(index.keySet()));
            }
            return starts[i];
        }
    }

    /** Parses lexicon text; errors name the source, the line and the problem. */
    public static CueLexicon parse(String text, String source) {
        Map<String, List<Cue>> sections = new LinkedHashMap<>();
        List<Cue> current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                current = sections.computeIfAbsent(section.group(1), k -> new ArrayList<>());
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": pattern before any [section] header");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(line);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": invalid regular expression '" + line
                        + "': " + e.getDescription() + "; fix the pattern or escape the character", e);
            }
            String[] triggers = triggers(line);
            if (triggers != null) {
                String[] longer = prefixes(line);
                triggers = longer != null ? refine(longer, triggers) : triggers;
            }
            current.add(new Cue(pattern, triggers, i + 1));
        }
        sections.replaceAll((k, v) -> List.copyOf(v));
        return new CueLexicon(Map.copyOf(sections));
    }

    /**
     * The literal word prefixes a match must start with, for cues of the form {@code \bword...} or
     * {@code \b(?:word|word...)...}; null when the cue may start elsewhere.
     */
    static String[] triggers(String regex) {
        String r = regex;
        if (r.startsWith("(?<=") || r.startsWith("(?<!")) {
            int end = groupEnd(r, 4);
            if (end < 0) {
                return null;
            }
            r = r.substring(end + 1);
        }
        if (!r.startsWith("\\b")) {
            return null;
        }
        String rest = r.substring(2);
        if (!rest.startsWith("(?:")) {
            String literal = leadingLetters(rest);
            return literal.isEmpty() ? null : new String[] {literal};
        }
        List<String> alternatives = topLevelAlternatives(rest.substring(3));
        if (alternatives == null) {
            return null;
        }
        List<String> triggers = new ArrayList<>();
        for (String alternative : alternatives) {
            String literal = leadingLetters(alternative);
            if (literal.isEmpty()) {
                return null;
            }
            triggers.add(literal);
        }
        return triggers.toArray(String[]::new);
    }

    /** At most this many literal prefixes per cue; beyond it the expansion stops where it is. */
    static final int MAX_PREFIXES = 256;
    private static final String META = "\\^$.|?*+()[]{}";

    /** A literal prefix, and whether the pattern read so far may still extend it. */
    private record Prefix(String text, boolean open) {
    }

    /**
     * Literal strings one of which every match of the pattern starts with, as long as a small expansion of
     * the pattern's start can tell: literal characters, alternatives, optional parts and small character
     * classes are expanded, zero-width assertions are skipped, and the expansion stops at anything else
     * (wildcards, repetitions, escapes of classes). Null when some prefix would be empty.
     */
    static String[] prefixes(String regex) {
        List<Prefix> all = new ArrayList<>();
        for (String alternative : splitAlternatives(regex)) {
            all.addAll(sequence(alternative, 0, alternative.length()));
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Prefix p : all) {
            if (p.text().isEmpty()) {
                return null;
            }
            out.add(p.text());
        }
        return out.toArray(String[]::new);
    }

    /**
     * The longer of each prefix and trigger where one starts with the other. Every match starts with a
     * prefix, and the cue was only ever tried where a trigger starts, so the cue is tried at a subset of
     * the trigger positions that still holds every position where it can match there.
     */
    static String[] refine(String[] prefixes, String[] triggers) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String p : prefixes) {
            for (String t : triggers) {
                if (p.startsWith(t)) {
                    out.add(p);
                } else if (t.startsWith(p)) {
                    out.add(t);
                }
            }
        }
        return out.toArray(String[]::new);
    }

    /** The prefixes of the pattern fragment {@code regex[from, to)}. */
    private static List<Prefix> sequence(String regex, int from, int to) {
        List<Prefix> current = new ArrayList<>(List.of(new Prefix("", true)));
        int i = from;
        while (i < to && current.stream().anyMatch(Prefix::open)) {
            char c = regex.charAt(i);
            List<Prefix> atom;
            int next;
            if (c == '\\') {
                if (i + 1 >= to) {
                    return closed(current);
                }
                char e = regex.charAt(i + 1);
                next = i + 2;
                if (e == 'b' || e == 'B') {
                    atom = List.of(new Prefix("", true));
                } else if (!Character.isLetterOrDigit(e) && e < 128) {
                    atom = List.of(new Prefix(String.valueOf(e), true));
                } else {
                    return closed(current);
                }
            } else if (c == '(') {
                int end = groupEnd(regex, i + 1);
                if (end < 0 || end >= to) {
                    return closed(current);
                }
                next = end + 1;
                if (regex.startsWith("(?=", i) || regex.startsWith("(?!", i) || regex.startsWith("(?<=", i)
                        || regex.startsWith("(?<!", i)) {
                    atom = List.of(new Prefix("", true));
                } else {
                    int body = i + 1;
                    if (regex.startsWith("(?:", i)) {
                        body = i + 3;
                    } else if (regex.charAt(i + 1) == '?') {
                        return closed(current);
                    }
                    atom = new ArrayList<>();
                    List<String> alternatives = topLevelAlternatives(regex.substring(body, end + 1));
                    if (alternatives == null) {
                        // A quantifier after the group: read its alternatives up to the parenthesis anyway.
                        alternatives = splitAlternatives(regex.substring(body, end));
                    }
                    for (String alternative : alternatives) {
                        atom.addAll(sequence(alternative, 0, alternative.length()));
                    }
                }
            } else if (c == '[') {
                int end = classEnd(regex, i);
                if (end >= to) {
                    return closed(current);
                }
                String members = regex.substring(i + 1, end);
                if (members.isEmpty() || members.length() > 6 || members.chars().anyMatch(m -> META.indexOf(m) >= 0
                        || m == '-' || m == '&')) {
                    return closed(current);
                }
                atom = new ArrayList<>();
                for (char m : members.toCharArray()) {
                    atom.add(new Prefix(String.valueOf(m), true));
                }
                next = end + 1;
            } else if (c == '^' || c == '$') {
                atom = List.of(new Prefix("", true));
                next = i + 1;
            } else if (META.indexOf(c) >= 0) {
                return closed(current);
            } else {
                atom = List.of(new Prefix(String.valueOf(c), true));
                next = i + 1;
            }
            char q = next < to ? regex.charAt(next) : 0;
            if (q == '*' || q == '{') {
                return closed(current);
            }
            if (q == '?') {
                atom = new ArrayList<>(atom);
                atom.add(new Prefix("", true));
                next++;
                if (next < to && (regex.charAt(next) == '?' || regex.charAt(next) == '+')) {
                    next++;
                }
            } else if (q == '+') {
                atom = atom.stream().map(a -> new Prefix(a.text(), false)).toList();
                next++;
            }
            List<Prefix> combined = new ArrayList<>();
            for (Prefix p : current) {
                if (!p.open()) {
                    combined.add(p);
                    continue;
                }
                for (Prefix a : atom) {
                    combined.add(new Prefix(p.text() + a.text(), a.open()));
                }
            }
            if (combined.size() > MAX_PREFIXES) {
                return closed(current);
            }
            current = combined;
            i = next;
        }
        return current;
    }

    private static List<Prefix> closed(List<Prefix> prefixes) {
        return prefixes.stream().map(p -> new Prefix(p.text(), false)).toList();
    }

    /** The top-level alternatives of a group body without its closing parenthesis. */
    private static List<String> splitAlternatives(String body) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(body, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(body.substring(start, i));
                start = i + 1;
            }
        }
        out.add(body.substring(start));
        return out;
    }

    /** The index of the parenthesis closing the group whose body starts at {@code from}, or -1. */
    private static int groupEnd(String regex, int from) {
        int depth = 0;
        for (int i = from; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** The index of the bracket closing the character class opened at {@code open}. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return regex.length();
    }

    /** Letters at the start of a pattern fragment, stopping before any letter a quantifier makes optional. */
    private static String leadingLetters(String fragment) {
        int i = 0;
        while (i < fragment.length() && fragment.charAt(i) < 128
                && (Character.isLetterOrDigit(fragment.charAt(i)) || (i > 0 && fragment.charAt(i) == '\''))) {
            i++;
        }
        if (i < fragment.length() && "?*{".indexOf(fragment.charAt(i)) >= 0) {
            i--;
        }
        return fragment.substring(0, Math.max(0, i));
    }

    /**
     * The alternatives of a group body up to its closing parenthesis; null when the group does not close or is
     * quantified (then its alternatives are optional or repeated, not a set of literal starts).
     */
    private static List<String> topLevelAlternatives(String body) {
        int end = groupEnd(body, 0);
        if (end < 0 || end + 1 < body.length() && "?*{".indexOf(body.charAt(end + 1)) >= 0) {
            return null;
        }
        return splitAlternatives(body.substring(0, end));
    }

    /** Word characters: ASCII lower-case letters and digits, apostrophes, and non-ASCII letters. */
    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c > 127 && Character.isLetter(c);
    }

    private static int[] add(int[] a, int n, int v) {
        int[] out = n == a.length ? Arrays.copyOf(a, n * 2) : a;
        out[n] = v;
        return out;
    }

    private static int[] distinct(int[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }
}
