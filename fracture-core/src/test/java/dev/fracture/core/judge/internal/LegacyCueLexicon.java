package dev.fracture.core.judge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/*
 * The first cue lexicon of the embedded judge, exactly as it was before it was made faster, kept
 * here only so that FeatureExtractionEquivalenceTest can show the fast one reads every answer the same.
 * Do not change it.
 */
/**
 * Named lists of regular expressions, parsed from a text resource, and matched fast.
 *
 * <p>Speed matters (the judge's budget is a fraction of a millisecond per answer), and trying dozens of
 * alternatives at every character is too slow. So each cue that starts with a word boundary and
 * literal words ({@code \b(?:this|that) ...}) gets <em>trigger</em> prefixes, kept in a trie; a cue is
 * only tried at the starts of the text's words that begin with one of its triggers. Cues without a
 * literal start (anchors, character classes) are searched through the whole text. Errors in the text
 * name the source, the line and the problem. The text is expected lower case, as the judge normalises it.
 */
final class LegacyCueLexicon {

    private static final Pattern SECTION = Pattern.compile("^\\[([a-z-]+)]$");

    /** One cue: its pattern and the word prefixes that can start a match, or null when any position can. */
    record Cue(Pattern pattern, String[] triggers, int line) {
    }

    /** A trie over trigger prefixes; each node lists the cues (by section index) its prefix triggers. */
    private static final class Node {
        final Map<Character, Node> next = new java.util.HashMap<>();
        final List<int[]> cues = new ArrayList<>();
    }

    private final Map<String, List<Cue>> sections;
    private final Map<String, Integer> sectionIndex = new java.util.HashMap<>();
    private final List<List<Cue>> bySection = new ArrayList<>();
    private final Node trie = new Node();

    private LegacyCueLexicon(Map<String, List<Cue>> sections) {
        this.sections = sections;
        for (String name : new java.util.TreeSet<>(sections.keySet())) {
            sectionIndex.put(name, bySection.size());
            List<Cue> cues = sections.get(name);
            bySection.add(cues);
            for (int c = 0; c < cues.size(); c++) {
                String[] triggers = cues.get(c).triggers();
                if (triggers == null) {
                    continue;
                }
                for (int t = 0; t < triggers.length; t++) {
                    Node n = trie;
                    for (int i = 0; i < triggers[t].length(); i++) {
                        n = n.next.computeIfAbsent(triggers[t].charAt(i), k -> new Node());
                    }
                    n.cues.add(new int[] {sectionIndex.get(name), c});
                }
            }
        }
    }

    /**
     * Every section's match starts in a text at once: each word of the text is walked down the trigger
     * trie once, and only the cues its prefixes trigger are tried there.
     */
    public Matches match(String text) {
        int sectionCount = bySection.size();
        int[][] starts = new int[sectionCount][];
        int[] counts = new int[sectionCount];
        for (int i = 0; i < sectionCount; i++) {
            starts[i] = new int[4];
        }
        Matcher[][] matchers = new Matcher[sectionCount][];
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if (!isWordChar(c) || c == '\'' || (i > 0 && isWordChar(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            Node n = trie;
            for (int j = i; j < len && n != null; j++) {
                n = n.next.get(text.charAt(j));
                if (n == null) {
                    break;
                }
                for (int[] ref : n.cues) {
                    Matcher[] ms = matchers[ref[0]];
                    if (ms == null) {
                        ms = matchers[ref[0]] = new Matcher[bySection.get(ref[0]).size()];
                    }
                    Matcher m = ms[ref[1]];
                    if (m == null) {
                        m = ms[ref[1]] = bySection.get(ref[0]).get(ref[1]).pattern().matcher(text)
                                .useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    m.region(i, len);
                    if (m.lookingAt()) {
                        starts[ref[0]] = add(starts[ref[0]], counts[ref[0]]++, i);
                    }
                }
            }
            i++;
            while (i < len && isWordChar(text.charAt(i))) {
                i++;
            }
        }
        for (int s = 0; s < sectionCount; s++) {
            for (Cue cue : bySection.get(s)) {
                if (cue.triggers() != null) {
                    continue;
                }
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
            int[] a = Arrays.copyOf(starts[s], counts[s]);
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
    public static LegacyCueLexicon parse(String text, String source) {
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
            current.add(new Cue(pattern, triggers, i + 1));
        }
        sections.replaceAll((k, v) -> List.copyOf(v));
        return new LegacyCueLexicon(Map.copyOf(sections));
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

    /** The alternatives of a group body up to its closing parenthesis; null when a nested group makes it unclear. */
    private static List<String> topLevelAlternatives(String body) {
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
                if (depth == 0) {
                    out.add(body.substring(start, i));
                    return i + 1 < body.length() && "?*{".indexOf(body.charAt(i + 1)) >= 0 ? null : out;
                }
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(body.substring(start, i));
                start = i + 1;
            }
        }
        return null;
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
