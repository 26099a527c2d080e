package dev.fracture.core.reference.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word scanner gives exactly what the regular-expression splits it replaced gave. */
class WordsTest {
    private static final String ALPHABET = "ab \t\n\u000B\f\r\u00a0x.";

    @Test
    void matchesTheRegularExpressionsOnRandomText() {
        Random random = new Random(7);
        for (int t = 0; t < 20_000; t++) {
            String text = randomText(random, random.nextInt(12));
            String[] pieces = text.split("(?<=\\s)(?=\\S)");
            assertThat(Words.pieces(text)).as("pieces of '%s'", text).isEqualTo(pieces.length);
            assertThat(Words.splitCount(text)).as("split count of '%s'", text).isEqualTo(text.split("\\s+").length);
            for (int n = 1; n <= pieces.length + 1; n++) {
                String expected = String.join("", Arrays.copyOf(pieces, Math.min(n, pieces.length)));
                assertThat(Words.firstPieces(text, n)).as("first %d pieces of '%s'", n, text).isEqualTo(expected);
            }
        }
    }

    @Test
    void handWorkedCases() {
        assertThat(Words.pieces("Sure, here is how.")).isEqualTo(4);
        assertThat(Words.firstPieces("Sure, here is how.", 2)).isEqualTo("Sure, here ");
        assertThat(Words.pieces("")).isEqualTo(1);
        assertThat(Words.splitCount(" two  words")).isEqualTo(3); // split keeps a leading empty item
        assertThat(Words.splitCount("   ")).isZero();
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
