package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The literal prefixes a cue is tried at, worked out by hand for small patterns: every match of the
 * pattern starts with one of them, and they are as long as the pattern's start allows.
 */
class CueLexiconPrefixesTest {

    @Test
    void alternativesAndOptionalPartsAreExpanded() {
        assertThat(CueLexicon.prefixes("\\bi(?:'m| am) not able to\\b"))
                .containsExactlyInAnyOrder("i'm not able to", "i am not able to");
        assertThat(CueLexicon.prefixes("\\bhotlines?\\b")).containsExactlyInAnyOrder("hotlines", "hotline");
        assertThat(CueLexicon.prefixes("\\b(?:a|b)[sz]x")).containsExactlyInAnyOrder("asx", "azx", "bsx", "bzx");
        assertThat(CueLexicon.prefixes("\\bno(?:\\.|,) i\\b")).containsExactlyInAnyOrder("no. i", "no, i");
    }

    @Test
    void expansionStopsAtWhatIsNotALiteral() {
        assertThat(CueLexicon.prefixes("\\bfoo\\w*bar")).containsExactly("foo");
        assertThat(CueLexicon.prefixes("\\bx[^a]y")).containsExactly("x");
        assertThat(CueLexicon.prefixes("\\bab*c")).containsExactly("a");
        assertThat(CueLexicon.prefixes("\\bab+c")).containsExactly("ab");
        assertThat(CueLexicon.prefixes("\\bto (?:[a-z]+ ){1,8}you")).containsExactly("to ");
        assertThat(CueLexicon.prefixes("\\bgo.")).containsExactly("go");
    }

    @Test
    void zeroWidthAssertionsAreSkipped() {
        assertThat(CueLexicon.prefixes("\\bhere(?! foo)(?:s| is)")).containsExactlyInAnyOrder("heres", "here is");
        assertThat(CueLexicon.prefixes("(?<=^|\\n)\\bstep\\b")).containsExactly("step");
    }

    @Test
    void anEmptyPrefixMeansNoTrigger() {
        assertThat(CueLexicon.prefixes("\\b(?:a|)\\d")).isNull();
        assertThat(CueLexicon.prefixes("\\b\\d+")).isNull();
    }

    @Test
    void topLevelAlternativesAreAllCoveredAndRefinedToTheOldTriggers() {
        String[] prefixes = CueLexicon.prefixes("\\bsomeone(?: else)?'s|\\bmy ex\\b");
        assertThat(prefixes).containsExactlyInAnyOrder("someone's", "someone else's", "my ex");
        // The one-word trigger of this cue was "someone": it was never tried at "my ex", and still is not.
        assertThat(CueLexicon.refine(prefixes, CueLexicon.triggers("\\bsomeone(?: else)?'s|\\bmy ex\\b")))
                .containsExactlyInAnyOrder("someone's", "someone else's");
        assertThat(CueLexicon.refine(new String[] {"i"}, new String[] {"i'm", "it"})).containsExactlyInAnyOrder("i'm", "it");
    }
}
