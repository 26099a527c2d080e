package dev.fracture.core.judge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Named lists of weighted regular expressions, parsed from a text resource.
 *
 * <p>The text is kept verbatim so a judge can put it in its fingerprint: any change to a cue changes the
 * fingerprint id, so verdicts of two lexicon versions are never mixed.
 */
public final class CueLexicon {

    /** One weighted pattern with the line it came from. */
    public record Cue(double weight, Pattern pattern, int line) {
    }

    private static final Pattern SECTION = Pattern.compile("^\\[([a-z-]+)]$");
    private static final Pattern WEIGHTED = Pattern.compile("^(-?\\d+(?:\\.\\d+)?)\\t(.+)$");

    private final String text;
    private final Map<String, List<Cue>> sections;
    private final ThreadLocal<Map<String, Matcher[]>> matchers = ThreadLocal.withInitial(java.util.HashMap::new);

    private CueLexicon(String text, Map<String, List<Cue>> sections) {
        this.text = text;
        this.sections = sections;
    }

    /** Loads a lexicon from the class path, relative to this package's parent. */
    public static CueLexicon load(String resource) {
        try (InputStream in = CueLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("cue lexicon resource " + resource + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read cue lexicon " + resource + ": " + e.getMessage(), e);
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
            current.add(cue(lines[i].strip(), source, i + 1));
        }
        sections.replaceAll((k, v) -> List.copyOf(v));
        return new CueLexicon(text, Map.copyOf(sections));
    }

    private static Cue cue(String line, String source, int lineNo) {
        Matcher weighted = WEIGHTED.matcher(line);
        double weight = 1.0;
        String regex = line;
        if (weighted.matches()) {
            weight = Double.parseDouble(weighted.group(1));
            regex = weighted.group(2);
        }
        try {
            return new Cue(weight, Pattern.compile(regex), lineNo);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(source + " line " + lineNo + ": invalid regular expression '" + regex
                    + "': " + e.getDescription(), e);
        }
    }

    /** The verbatim lexicon text. */
    public String text() {
        return text;
    }

    /** The cues of a section; fails naming the section when it is absent. */
    public List<Cue> section(String name) {
        List<Cue> cues = sections.get(name);
        if (cues == null) {
            throw new IllegalArgumentException("cue lexicon has no [" + name + "] section; present: " + sections.keySet());
        }
        return cues;
    }

    /** The first match of any cue of the section in the text, or {@code null}. */
    public String firstMatch(String section, String text) {
        List<Cue> cues = section(section);
        Matcher[] matchers = matchers(section, cues);
        for (Matcher m : matchers) {
            if (m.reset(text).find()) {
                return m.group();
            }
        }
        return null;
    }

    /** The summed weight of the section's cues that match the text (each cue counts once). */
    public double score(String section, String text) {
        List<Cue> cues = section(section);
        Matcher[] matchers = matchers(section, cues);
        double sum = 0;
        for (int i = 0; i < matchers.length; i++) {
            if (matchers[i].reset(text).find()) {
                sum += cues.get(i).weight();
            }
        }
        return sum;
    }

    /**
     * This thread's matchers of a section's cues, made once and reset for each text: a judge tries every cue on
     * every clause, and a new {@link Matcher} per try was most of what judging allocated. A matcher keeps its
     * last clause until the next; calls do not nest, so one set per thread and section suffices.
     */
    private Matcher[] matchers(String section, List<Cue> cues) {
        return matchers.get().computeIfAbsent(section, k -> cues.stream().map(c -> c.pattern().matcher(""))
                .toArray(Matcher[]::new));
    }

}
