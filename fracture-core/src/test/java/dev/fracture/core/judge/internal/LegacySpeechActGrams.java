package dev.fracture.core.judge.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/*
 * The first phrasing grams of the embedded judge, exactly as it was before it was made faster, kept
 * here only so that FeatureExtractionEquivalenceTest can show the fast one reads every answer the same.
 * Do not change it.
 */
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
final class LegacySpeechActGrams {

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

    private LegacySpeechActGrams() {
    }

    /** The mapped token stream of an answer (normalised text expected). */
    static List<String> tokens(String t, Set<String> promptWords) {
        List<String> out = new ArrayList<>();
        out.add("<s>");
        int len = t.length();
        int i = 0;
        boolean lineStart = true;
        while (i < len && out.size() < MAX_TOKENS) {
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
                    add(out, "<li>");
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
                add(out, "<code>");
                i = close < 0 ? len : close + (fence ? 3 : 1);
            } else if (c == '\n') {
                add(out, "<nl>");
                lineStart = true;
                i++;
            } else if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < len && (Character.isLetter(t.charAt(j)) || t.charAt(j) == '\'' || t.charAt(j) == '-')) {
                    j++;
                }
                add(out, map(t.substring(i, j), promptWords));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < len && (Character.isDigit(t.charAt(j)) || ((t.charAt(j) == '.' || t.charAt(j) == ',')
                        && j + 1 < len && Character.isDigit(t.charAt(j + 1))))) {
                    j++;
                }
                add(out, "<num>");
                i = j;
            } else {
                if (c == '?' || c == '!' || c == ':') {
                    add(out, String.valueOf(c));
                }
                i++;
            }
        }
        out.add("</s>");
        return out;
    }

    private static String map(String word, Set<String> promptWords) {
        if (KEEP.contains(word) || word.length() == 1) {
            return word;
        }
        return promptWords.contains(LegacyAnswerFeatures.stem(word)) ? "<p>" : "_";
    }

    /** Appends a token; runs of the same filler token count once. */
    private static void add(List<String> out, String tok) {
        if (!out.isEmpty() && out.get(out.size() - 1).equals(tok)
                && (tok.equals("_") || tok.equals("<p>") || tok.equals("<nl>"))) {
            return;
        }
        out.add(tok);
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

    /** Uni-, bi- and trigrams of the token stream, plus head-prefixed copies; no gram of bare fillers. */
    public static Set<String> grams(String normalisedAnswer, Set<String> promptWords) {
        List<String> t = tokens(normalisedAnswer, promptWords);
        Set<String> grams = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            StringBuilder sb = new StringBuilder();
            boolean informative = false;
            for (int n = 0; n < 3 && i + n < t.size(); n++) {
                String tok = t.get(i + n);
                informative |= !(tok.equals("_") || tok.equals("<p>") || tok.equals("<nl>"));
                sb.append(n == 0 ? "" : " ").append(tok);
                if (informative) {
                    String g = sb.toString();
                    grams.add(g);
                    if (i + n < HEAD_TOKENS) {
                        grams.add("h:" + g);
                    }
                }
            }
        }
        return grams;
    }
}
