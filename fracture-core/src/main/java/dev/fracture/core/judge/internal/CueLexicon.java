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
 * literal words ({@code \b(?:this|that) ...}) gets <em>trigger</em> prefixes; a cue is only tried at the
 * starts of the text's words that begin with one of its triggers. Cues without a literal start (anchors,
 * character classes, lookbehinds) are searched through the whole text. Errors in the text name the
 * source, the line and the problem.
 */
public final class CueLexicon {

    private static final Pattern SECTION = Pattern.compile("^\\[([a-z-]+)]$");

    /** One cue: its pattern and the word prefixes that can start a match, or null when any position can. */
    record Cue(Pattern pattern, String[] triggers, int line) {
    }

    private final Map<String, List<Cue>> sections;

    private CueLexicon(Map<String, List<Cue>> sections) {
        this.sections = sections;
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
            current.add(new Cue(pattern, triggers(line), i + 1));
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
        while (i < fragment.length() && Character.isLetterOrDigit(fragment.charAt(i)) && fragment.charAt(i) < 128) {
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

    private List<Cue> cues(String name) {
        List<Cue> cues = sections.get(name);
        if (cues == null) {
            throw new IllegalArgumentException("cue lexicon has no [" + name + "] section; present: " + sections.keySet());
        }
        return cues;
    }

    /** Fails naming the section when it is absent. */
    public void requireSection(String name) {
        cues(name);
    }

    /** Start offsets (sorted, distinct) of the section's matches in a text read by {@link #words}. */
    public int[] starts(String section, Words text) {
        int[] starts = new int[8];
        int n = 0;
        for (Cue cue : cues(section)) {
            Matcher m = cue.pattern().matcher(text.text());
            if (cue.triggers() == null && cue.pattern().pattern().startsWith("^")) {
                if (m.lookingAt()) {
                    starts = add(starts, n++, 0);
                }
                continue;
            }
            if (cue.triggers() == null) {
                while (m.find()) {
                    starts = add(starts, n++, m.start());
                    if (m.end() == m.start() && m.end() >= text.text().length()) {
                        break;
                    }
                }
                continue;
            }
            m.useTransparentBounds(true).useAnchoringBounds(false);
            for (String trigger : cue.triggers()) {
                for (int at : text.startsOfWordsWithPrefix(trigger)) {
                    m.region(at, text.text().length());
                    if (m.lookingAt()) {
                        starts = add(starts, n++, at);
                    }
                }
            }
        }
        int[] out = Arrays.copyOf(starts, n);
        Arrays.sort(out);
        return distinct(out);
    }

    /** Convenience for one-off use: reads the text and returns the starts. */
    public int[] starts(String section, String text) {
        return starts(section, words(text));
    }

    /** The first match of the section in the text, or {@code null}. */
    public String firstMatch(String section, String text) {
        Words w = words(text);
        int[] s = starts(section, w);
        if (s.length == 0) {
            return null;
        }
        for (Cue cue : cues(section)) {
            Matcher m = cue.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            m.region(s[0], text.length());
            if (m.lookingAt()) {
                return m.group();
            }
        }
        return text.substring(s[0], Math.min(text.length(), s[0] + 20));
    }

    /** The words of a text with their start offsets, sorted for prefix lookups. */
    public static Words words(String text) {
        return Words.of(text);
    }

    /** A text's words (runs of ASCII letters and apostrophes) sorted, each with where it starts. */
    public static final class Words {
        private final String text;
        private final String[] sorted;
        private final int[] sortedStarts;

        private Words(String text, String[] sorted, int[] sortedStarts) {
            this.text = text;
            this.sorted = sorted;
            this.sortedStarts = sortedStarts;
        }

        static Words of(String text) {
            List<String> words = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            int i = 0;
            int len = text.length();
            while (i < len) {
                char c = text.charAt(i);
                if (isWordChar(c) && c != '\'' && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                    int j = i + 1;
                    while (j < len && isWordChar(text.charAt(j))) {
                        j++;
                    }
                    words.add(text.substring(i, j));
                    starts.add(i);
                    i = j;
                } else {
                    i++;
                }
            }
            Integer[] order = new Integer[words.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> {
                int c = words.get(a).compareTo(words.get(b));
                return c != 0 ? c : Integer.compare(starts.get(a), starts.get(b));
            });
            String[] sorted = new String[order.length];
            int[] sortedStarts = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                sorted[k] = words.get(order[k]);
                sortedStarts[k] = starts.get(order[k]);
            }
            return new Words(text, sorted, sortedStarts);
        }

        private static boolean isWordChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c > 127 && Character.isLetter(c);
        }

        public String text() {
            return text;
        }

        /** Start offsets of the words that begin with the prefix. */
        int[] startsOfWordsWithPrefix(String prefix) {
            int lo = lowerBound(prefix);
            int hi = lo;
            while (hi < sorted.length && sorted[hi].startsWith(prefix)) {
                hi++;
            }
            return Arrays.copyOfRange(sortedStarts, lo, hi);
        }

        private int lowerBound(String key) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid].compareTo(key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
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
