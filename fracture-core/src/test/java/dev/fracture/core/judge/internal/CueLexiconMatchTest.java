package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Where the cue trie finds matches: at every word start where a search of the cue's pattern alone finds one. The
 * lexicon is written for the trie's cases: a node with many children (an ASCII child found in a table, any other by
 * binary search) and nodes with few (a scan), triggers that share prefixes or end inside one another, non-ASCII letters, and cues with no trigger.
 */
class CueLexiconMatchTest {

    private static final List<String> MANY = List.of("qa", "qb", "qc", "qd", "qe", "qf", "qg", "qh", "qi", "qj",
            "qk", "ql", "qm", "qn", "qé", "qü");
    private static final String[] CUES = {
        "\\bi(?:'m| am) not able to\\b", "\\bi can't\\b", "\\bi cannot help\\b", "\\bhere is\\b", "\\bhere's\\b",
        "\\bstep \\d+", "\\bdésolé\\b", "\\büber\\b", "\\bunder(?:stand|neath)?\\b", "\\bun\\b", "^sure\\b",
        "\\d+\\.\\d+"};
    private static final String[] WORDS = {"i", "i'm", "am", "not", "able", "to", "can't", "cannot", "help", "here",
        "is", "here's", "step", "3", "désolé", "über", "under", "understand", "underneath", "un", "sure", "1.5", "qa",
        "qb", "qh", "qn", "qz", "q", "qaa", "qé", "qü", "qö", "the", "unable", "hereby", "steps", "Désolé"};

    private static String lexicon() {
        StringBuilder b = new StringBuilder("[many]\n");
        for (String m : MANY) {
            b.append("\\b").append(m).append("\\b\n");
        }
        b.append("[mixed]\n");
        for (String cue : CUES) {
            b.append(cue).append('\n');
        }
        return b.toString();
    }

    @Test
    void theTrieFindsAMatchAtEveryWordStartWhereThePatternAloneFindsOne() {
        CueLexicon lexicon = CueLexicon.parse(lexicon(), "test-cues.txt");
        Random random = new Random(11);
        int found = 0;
        for (int n = 0; n < 2000; n++) {
            StringBuilder b = new StringBuilder();
            int words = 1 + random.nextInt(25);
            for (int w = 0; w < words; w++) {
                b.append(WORDS[random.nextInt(WORDS.length)].toLowerCase(java.util.Locale.ROOT))
                        .append(random.nextInt(6) == 0 ? ", " : random.nextInt(9) == 0 ? ".\n" : " ");
            }
            String text = b.toString().strip();
            CueLexicon.Matches matches = lexicon.match(text);
            for (String section : List.of("many", "mixed")) {
                int[] expected = reference(section, text);
                assertThat(matches.starts(section)).as(section + " in \"" + text + "\"").containsExactly(expected);
                found += expected.length;
            }
        }
        assertThat(found).isGreaterThan(5000);
    }

    /** The distinct starts, ascending, of every cue's matches found by searching the text with the cue alone. */
    private static int[] reference(String section, String text) {
        List<String> cues = new ArrayList<>();
        if (section.equals("many")) {
            MANY.forEach(m -> cues.add("\\b" + m + "\\b"));
        } else {
            cues.addAll(List.of(CUES));
        }
        java.util.TreeSet<Integer> starts = new java.util.TreeSet<>();
        for (String cue : cues) {
            Matcher m = Pattern.compile(cue).matcher(text);
            while (m.find()) {
                starts.add(m.start());
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
