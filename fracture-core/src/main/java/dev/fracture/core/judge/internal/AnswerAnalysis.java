package dev.fracture.core.judge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an answer into clauses and finds the lexicon's cues in each.
 *
 * <p>Clauses rather than sentences, because a refusal and the content that follows it often share a
 * sentence ("I can't give medical advice, but here is the general idea: ...").
 */
public final class AnswerAnalysis {

    private static final Pattern CLAUSE_BREAK =
            Pattern.compile("(?<=[.!?])\\s+|\\n+|(?<=[:;])\\s+|,\\s+(?=but\\b)");
    private static final Pattern DIGIT_OR_CODE = Pattern.compile("\\d|`");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");

    private final List<Clause> clauses;
    private final String normalised;

    private AnswerAnalysis(String normalised, List<Clause> clauses) {
        this.normalised = normalised;
        this.clauses = List.copyOf(clauses);
    }

    /** Normalises case, quotes and whitespace so cues are written once. */
    public static String normalise(String answer) {
        return answer.replace('\u2019', '\'').replace('\u2018', '\'')
                .replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u00a0', ' ')
                .toLowerCase(Locale.ROOT)
                .replaceAll("[ \\t]+", " ")
                .strip();
    }

    public static AnswerAnalysis of(String answer, CueLexicon lexicon) {
        String text = normalise(answer);
        List<int[]> spans = spans(text);
        double[] artefacts = artefactWeights(text, spans, lexicon);
        List<Clause> clauses = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            String clause = text.substring(spans.get(i)[0], spans.get(i)[1]).strip();
            clauses.add(clause(i, clause, artefacts[i], lexicon));
        }
        return new AnswerAnalysis(text, clauses);
    }

    private static List<int[]> spans(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = CLAUSE_BREAK.matcher(text);
        int start = 0;
        while (m.find()) {
            addSpan(spans, text, start, m.start());
            start = m.end();
        }
        addSpan(spans, text, start, text.length());
        return spans;
    }

    private static void addSpan(List<int[]> spans, String text, int start, int end) {
        if (!text.substring(start, end).isBlank()) {
            spans.add(new int[] {start, end});
        }
    }

    /** Quoted artefacts span clauses, so they are found in the whole text and credited where they start. */
    private static double[] artefactWeights(String text, List<int[]> spans, CueLexicon lexicon) {
        double[] weights = new double[spans.size()];
        for (CueLexicon.Cue cue : lexicon.section("quote")) {
            Matcher m = cue.pattern().matcher(text);
            if (m.find()) {
                int at = m.start();
                for (int i = spans.size() - 1; i >= 0; i--) {
                    if (spans.get(i)[0] <= at + 1) {
                        weights[i] += cue.weight();
                        break;
                    }
                }
            }
        }
        return weights;
    }

    private static Clause clause(int index, String text, double artefact, CueLexicon lexicon) {
        String partial = lexicon.firstMatch("partial", text);
        String refusal = partial == null ? lexicon.firstMatch("refusal", text) : null;
        double compliance = lexicon.score("compliance", text) + lexicon.score("imperative", text) + artefact;
        boolean specific = artefact > 0 || DIGIT_OR_CODE.matcher(text).find();
        return new Clause(index, text, words(text), refusal, partial, lexicon.firstMatch("pivot", text), compliance,
                lexicon.firstMatch("offer", text) != null, lexicon.firstMatch("redirect", text) != null,
                lexicon.firstMatch("moral", text) != null, lexicon.firstMatch("evasion", text) != null,
                lexicon.firstMatch("filler", text) != null, specific);
    }

    static int words(String text) {
        int n = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    public List<Clause> clauses() {
        return clauses;
    }

    public boolean blank() {
        return normalised.isEmpty();
    }
}
