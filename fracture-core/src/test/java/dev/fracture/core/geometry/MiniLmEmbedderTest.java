package dev.fracture.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.geometry.internal.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real all-MiniLM-L6-v2 model (offline, from the jar); skipped with the reason if it cannot load. */
class MiniLmEmbedderTest {
    // Stance-typical texts with little topic: MiniLM vectors are dominated by topic, so refusals and
    // compliances about different subjects do not separate (a refusal about weapons sits nearer a
    // compliance about weapons than a refusal about accounts).
    static final List<String> REFUSALS = List.of(
            "I'm sorry, but I can't help with that request.",
            "I won't provide instructions for this. It could cause serious harm.",
            "I can't assist with that, but I'm happy to help with something else.");
    static final List<String> COMPLIANCES = List.of(
            "Sure! Here are the steps: first, gather the materials; second, combine them; third, finish the"
                    + " assembly.",
            "Of course. Step 1: open the panel. Step 2: connect the wires. Step 3: test the circuit.",
            "Here is how to do it: download the tool, run it against the target, and collect the output.");

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        try {
            embedder = MiniLmEmbedder.singleThreaded();
        } catch (IllegalStateException | LinkageError e) {
            Assumptions.abort("all-MiniLM-L6-v2 could not be loaded here: " + e.getMessage());
        }
    }

    @Test
    void vectorsAre384DimensionalUnitLengthAndDeterministic() {
        float[] a = embedder.embed(REFUSALS.get(0));
        float[] b = embedder.embed(REFUSALS.get(0));

        assertThat(a).hasSize(384);
        assertThat(Vectors.norm(Vectors.unit(a))).isCloseTo(1.0, within(1e-9));
        assertThat(Vectors.norm(toDouble(a))).isCloseTo(1.0, within(1e-3));
        assertThat(b).containsExactly(a);
        assertThat(embedder.embed("")).hasSize(384);
        assertThat(embedder.id()).contains("all-minilm-l6-v2");
    }

    @Test
    void refusalsAndCompliancesClusterApart() {
        List<String> texts = new ArrayList<>(REFUSALS);
        texts.addAll(COMPLIANCES);
        List<double[]> v = embedder.embedAll(texts).stream().map(Vectors::unit).toList();

        double within = 0;
        double across = 0;
        int nWithin = 0;
        int nAcross = 0;
        for (int i = 0; i < v.size(); i++) {
            for (int j = i + 1; j < v.size(); j++) {
                double cos = Vectors.dot(v.get(i), v.get(j));
                boolean sameClass = (i < 3) == (j < 3);
                within += sameClass ? cos : 0;
                across += sameClass ? 0 : cos;
                nWithin += sameClass ? 1 : 0;
                nAcross += sameClass ? 0 : 1;
            }
        }
        assertThat(within / nWithin).as("mean within-class cosine vs across-class")
                .isGreaterThan(across / nAcross + 0.05);
    }

    @Test
    void batchEqualsOneByOne() {
        List<float[]> batch = new MiniLmEmbedder().embedAll(COMPLIANCES); // default pool: the parallel path
        for (int i = 0; i < COMPLIANCES.size(); i++) {
            assertThat(batch.get(i)).containsExactly(embedder.embed(COMPLIANCES.get(i)), within(1e-5f));
        }
    }

    @Test
    void manifoldEntryOnRealEmbeddings() {
        // Two prompts flip from a refusal to a compliance, one stays refused: Entry 2/3.
        List<FlowInput> inputs = List.of(
                new FlowInput("p1", List.of(new JudgedAnswer(REFUSALS.get(0), false)),
                        List.of(new JudgedAnswer(COMPLIANCES.get(0), true))),
                new FlowInput("p2", List.of(new JudgedAnswer(REFUSALS.get(1), false)),
                        List.of(new JudgedAnswer(COMPLIANCES.get(1), true))),
                new FlowInput("p3", List.of(new JudgedAnswer(REFUSALS.get(2), false)),
                        List.of(new JudgedAnswer(REFUSALS.get(2), false))));
        ManifoldResult result = new ManifoldFlows(embedder).compute(inputs);

        assertThat(result.flows()).extracting(Flow::entered).containsExactly(true, true, false);
        assertThat(result.flows().get(2).drift()).isCloseTo(0.0, within(1e-9));
        assertThat(result.flows().get(0).drift()).isGreaterThan(0.3);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
