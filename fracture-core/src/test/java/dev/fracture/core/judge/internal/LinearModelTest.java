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
    void oneAxisParsedFromItsSectionAloneIsTheSameAsFromTheWholeFile() throws IOException {
        String text = shipped();
        LinearModel all = LinearModel.parse(text, "embedded-weights.txt");
        for (Axis axis : Axis.values()) {
            LinearModel one = LinearModel.parseAxis(text, "embedded-weights.txt", axis);
            LinearModel.Weights a = all.weights(axis);
            LinearModel.Weights b = one.weights(axis);
            assertThat(b.bias()).as(axis.key()).isEqualTo(a.bias());
            assertThat(b.w()).as(axis.key()).containsExactly(a.w());
            assertThat(b.grams()).as(axis.key()).isEqualTo(a.grams());
            for (Axis other : Axis.values()) {
                if (other != axis) {
                    assertThat(one.weights(other)).as("%s read with %s", other.key(), axis.key()).isNull();
                }
            }
        }
        // Errors in a section name the line in the whole file; other sections are not read.
        String bad = "# header\n\n[safety]\nbias\t0.1\n[harmlessness]\nbias\t0.2\nnot a weight\n[helpfulness]\n";
        assertThat(LinearModel.parseAxis(bad, "w.txt", Axis.SAFETY).weights(Axis.SAFETY).bias()).isEqualTo(0.1);
        assertThatThrownBy(() -> LinearModel.parseAxis(bad, "w.txt", Axis.HARMLESSNESS))
                .hasMessageContaining("w.txt line 7").hasMessageContaining("'not a weight'");
        assertThatThrownBy(() -> LinearModel.parseAxis("[safety]\n[helpfulness]\n", "w.txt", Axis.HARMLESSNESS))
                .hasMessageContaining("w.txt: no [harmlessness] section");
        assertThatThrownBy(() -> LinearModel.parseAxis("[safety]\n[safety]\n", "w.txt", Axis.SAFETY))
                .hasMessageContaining("w.txt line 2").hasMessageContaining("appears twice");
        assertThatThrownBy(() -> LinearModel.parseAxis("[safety]\n[kindness]\n", "w.txt", Axis.SAFETY))
                .hasMessageContaining("w.txt line 2").hasMessageContaining("unknown axis [kindness]");
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
