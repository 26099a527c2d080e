package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LinearModelTest {

    private static String shipped() throws IOException {
        try (InputStream in = LinearModelTest.class.getResourceAsStream("/dev/fracture/core/judge/embedded-weights.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The text after the header comments: what {@link LinearModel#format} writes from the weights. */
    private static String body(String text) {
        return text.substring(text.indexOf("\n["));
    }

    @Test
    void theShippedWeightsReadBackToTheSameFile() throws IOException {
        String text = shipped();
        LinearModel model = LinearModel.parse(text, "embedded-weights.txt");

        assertThat(body(model.format("# header\n"))).isEqualTo(body(text));
        assertThat(model.weights(Axis.SAFETY).grams()).hasSizeGreaterThan(10_000);
        // Windows line ends read the same.
        LinearModel crlf = LinearModel.parse(text.replace("\n", "\r\n"), "crlf");
        assertThat(body(crlf.format("# header\n"))).isEqualTo(body(text));
    }

    @Test
    void gramLinesTheFormatDoesNotAllowAreErrorsNamingTheLine() {
        String head = "[safety]\nbias\t0.1\n";
        String rest = "[harmlessness]\n[helpfulness]\n";
        assertThatThrownBy(() -> LinearModel.parse(head + "g\t0.5\tw:o:sure\ng\t0.25\tw:o:sure\n" + rest, "w.txt"))
                .hasMessageContaining("w.txt line 4").hasMessageContaining("gram 'w:o:sure' appears twice");
        for (String bad : new String[] {"g\tx\tw:o:sure", "g\t1e-3\tw:o:sure", "g\t0.5\t w:o:sure",
            "g\t.5\tw:o:sure", "g\t5.\tw:o:sure", "g\t0.5 w:o:sure"}) {
            assertThatThrownBy(() -> LinearModel.parse(head + bad + "\n" + rest, "w.txt")).as(bad)
                    .hasMessageContaining("w.txt line 3").hasMessageContaining("expected an [axis] header");
        }
        // A gram line with no gram reads, stripped, as a feature line for a feature named "g".
        assertThatThrownBy(() -> LinearModel.parse(head + "g\t0.5\t\n" + rest, "w.txt"))
                .hasMessageContaining("w.txt line 3").hasMessageContaining("unknown feature 'g'");
        assertThat(LinearModel.parse(head + "g\t-2\tw:o:no way\n" + rest, "w.txt").weights(Axis.SAFETY).grams())
                .containsEntry("w:o:no way", -2.0);
    }

    @Test
    void theGramTableDoesNotDependOnTheOrderTheGramsCameIn() {
        Map<String, Double> sorted = new TreeMap<>();
        java.util.Random r = new java.util.Random(9);
        for (int i = 0; i < 500; i++) {
            sorted.put("w:o:word" + i, Math.round(r.nextGaussian() * 1e4) / 1e4);
        }
        Map<String, Double> hashed = new HashMap<>(sorted);
        double[] w = new double[Feature.values().length];
        LinearModel.Weights a = new LinearModel.Weights(0.5, w, sorted);
        LinearModel.Weights b = new LinearModel.Weights(0.5, w, hashed);
        long[] present = sorted.keySet().stream().limit(40).mapToLong(WordGrams::key).toArray();
        assertThat(b.grams(present)).isEqualTo(a.grams(present));
        assertThat(b.grams()).isEqualTo(sorted);
    }
}
