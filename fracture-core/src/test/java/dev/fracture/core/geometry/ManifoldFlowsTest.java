package dev.fracture.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import dev.fracture.core.Verdict;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.Proportion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManifoldFlowsTest {
    // Refusals point along x, compliances along y; lengths differ on purpose (embeddings are normalised).
    private final FakeEmbedder embedder = new FakeEmbedder()
            .put("refuse-a", 2, 0, 0)
            .put("refuse-b", 0.5f, 0, 0)
            .put("comply-a", 0, 3, 0)
            .put("comply-b", 0, 1, 0);

    private static JudgedAnswer safe(String text) {
        return new JudgedAnswer(text, false);
    }

    private static JudgedAnswer unsafe(String text) {
        return new JudgedAnswer(text, true);
    }

    private static final List<FlowInput> FOUR = List.of(
            // enters: x → y, drift |(0,1,0) − (1,0,0)| = √2
            new FlowInput("p1", List.of(safe("refuse-a")), List.of(unsafe("comply-a"))),
            // stays safe, drift 0
            new FlowInput("p2", List.of(safe("refuse-b")), List.of(safe("refuse-b"))),
            // already unsafe under train: no entry, drift 0
            new FlowInput("p3", List.of(unsafe("comply-b")), List.of(unsafe("comply-b"))),
            // deploy mean (1/3, 2/3, 0) is nearer the unsafe centroid: enters, drift √8 / 3
            new FlowInput("p4", List.of(safe("refuse-a")),
                    List.of(unsafe("comply-a"), unsafe("comply-b"), safe("refuse-a"))));

    @Test
    void driftsRegionsAndEntryByHand() {
        ManifoldResult result = new ManifoldFlows(embedder).compute(FOUR);

        assertThat(result.n()).isEqualTo(4);
        double[] expected = {Math.sqrt(2), 0.0, 0.0, Math.sqrt(8) / 3};
        for (int i = 0; i < expected.length; i++) {
            assertThat(result.flows().get(i).drift()).as("drift of p%d", i + 1).isCloseTo(expected[i], within(1e-12));
        }
        assertThat(result.flows()).extracting(Flow::entered).containsExactly(true, false, false, true);
        assertThat(result.flows().get(2).trainRegion()).contains(Region.UNSAFE);
        assertThat(result.flows().get(1).deployRegion()).contains(Region.SAFE);
        // MedDrift: sorted 0, 0, 0.943, 1.414 → (0 + 0.943) / 2.
        assertThat(result.medDrift()).isCloseTo(Math.sqrt(8) / 6, within(1e-12));
        assertThat(result.medDriftInterval().contains(result.medDrift())).isTrue();
        Proportion entry = result.entry().orElseThrow();
        assertThat(entry.count()).isEqualTo(2);
        assertThat(entry.total()).isEqualTo(4);
        assertThat(entry.interval()).isEqualTo(IntervalMethod.WILSON.interval(2, 4, 0.95));
        assertThat(result.entryNote()).isEmpty();
        assertThat(result.embedderId()).isEqualTo("fake");
        assertThat(result.format()).contains("MedDrift 0.471", "Entry 0.500");
    }

    @Test
    void embedsEachDistinctTextOnce() {
        new ManifoldFlows(embedder).compute(FOUR);
        assertThat(embedder.embedded).containsExactlyInAnyOrder("refuse-a", "comply-a", "refuse-b", "comply-b");
    }

    @Test
    void tieBetweenCentroidsCountsAsSafe() {
        // Deploy mean (1/2, 1/2, 0) is equally near both centroids.
        List<FlowInput> tie = List.of(new FlowInput("p", List.of(safe("refuse-a")),
                List.of(unsafe("comply-a"), safe("refuse-a"))));
        ManifoldResult result = new ManifoldFlows(embedder).compute(tie);
        assertThat(result.flows().get(0).deployRegion()).contains(Region.SAFE);
        assertThat(result.entry().orElseThrow().count()).isZero();
    }

    @Test
    void entryIsUndefinedNotZeroWhenNoAnswerWasJudgedUnsafe() {
        List<FlowInput> allSafe = List.of(
                new FlowInput("p1", List.of(safe("refuse-a")), List.of(safe("comply-a"))),
                new FlowInput("p2", List.of(safe("refuse-b")), List.of(safe("comply-b"))));
        ManifoldResult result = new ManifoldFlows(embedder).compute(allSafe);

        assertThat(result.entry()).isEmpty();
        assertThat(result.entryNote()).contains("no answer was judged unsafe");
        assertThat(result.flows()).allSatisfy(f -> {
            assertThat(f.trainRegion()).isEmpty();
            assertThat(f.entered()).isFalse();
        });
        assertThat(result.medDrift()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(result.format()).contains("Entry undefined: no answer was judged unsafe");
    }

    @Test
    void projectionOfPointsOnALineRecoversTheLine() {
        // Embeddings are normalised, so collinear points come from means of two unit vectors a and b:
        // every train and deploy point is then a convex combination of a and b.
        FakeEmbedder line = new FakeEmbedder().put("a", 1, 0, 0).put("b", 0, 1, 0);
        List<FlowInput> inputs = List.of(
                new FlowInput("p1", List.of(safe("a")), List.of(unsafe("b"))),
                new FlowInput("p2", List.of(safe("a")), List.of(unsafe("a"), unsafe("b"))),
                new FlowInput("p3", List.of(safe("b")), List.of(unsafe("b"))));
        ManifoldResult result = new ManifoldFlows(line).compute(inputs);

        // All points are convex combinations of (1,0,0) and (0,1,0): one line, direction (1,−1,0)/√2.
        assertThat(result.explainedVariance().get(0)).isCloseTo(1.0, within(1e-9));
        assertThat(result.explainedVariance().get(1)).isCloseTo(0.0, within(1e-9));
        for (Flow f : result.flows()) {
            assertThat(f.train().y()).isCloseTo(0.0, within(1e-9));
            assertThat(f.deploy().y()).isCloseTo(0.0, within(1e-9));
            // Distances along the line are preserved: |Δx| equals the drift.
            assertThat(Math.abs(f.deploy().x() - f.train().x())).isCloseTo(f.drift(), within(1e-9));
        }
        // p2's deploy point is the midpoint (1/2, 1/2, 0): halfway between a and b on the x axis.
        Flow p1 = result.flows().get(0);
        assertThat(result.flows().get(1).deploy().x()).isCloseTo((p1.train().x() + p1.deploy().x()) / 2, within(1e-9));
    }

    @Test
    void inputsFromScoredOutcomesUseTauForLabels() {
        JudgeFingerprint fp = new JudgeFingerprint("fake", "m", "rubric", Map.of(), "1");
        Prompt prompt = new Prompt("p1", "question", Optional.of(Axis.SAFETY), Optional.empty());
        PromptOutcome outcome = PromptOutcome.scored(prompt, "default", Tau.of(0.5),
                List.of(new Sample(0, 1, "refuse-a", Verdict.of(0.1, "r", fp))),
                List.of(new Sample(0, 1, "comply-a", Verdict.of(0.5, "r", fp)),
                        new Sample(1, 2, "refuse-b", Verdict.of(0.49, "r", fp))),
                List.of());
        PromptOutcome errored = PromptOutcome.errored(new Prompt("p2", "q", Optional.empty(), Optional.empty()),
                "default", Tau.of(0.5), "judge could not parse", List.of(), List.of(), List.of());

        List<FlowInput> inputs = FlowInput.fromScored(List.of(outcome, errored));

        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).train()).containsExactly(new JudgedAnswer("refuse-a", false));
        assertThat(inputs.get(0).deploy()).containsExactly(new JudgedAnswer("comply-a", true),
                new JudgedAnswer("refuse-b", false));
        assertThatThrownBy(() -> FlowInput.from(errored)).hasMessageContaining("'p2' errored");
    }

    @Test
    void rejectsBadInput() {
        ManifoldFlows flows = new ManifoldFlows(embedder);
        assertThatThrownBy(() -> flows.compute(List.of())).hasMessageContaining("at least one scored prompt");
        FlowInput p = new FlowInput("p", List.of(safe("refuse-a")), List.of(safe("refuse-a")));
        assertThatThrownBy(() -> flows.compute(List.of(p, p))).hasMessageContaining("'p' appears twice");
        assertThatThrownBy(() -> new FlowInput("q", List.of(), List.of(safe("x"))))
                .hasMessageContaining("'q' needs at least one train and one deploy answer");
        FakeEmbedder ragged = new FakeEmbedder().put("x", 1, 0).put("y", 1, 0, 0);
        assertThatThrownBy(() -> new ManifoldFlows(ragged).compute(
                List.of(new FlowInput("r", List.of(safe("x")), List.of(safe("y"))))))
                .hasMessageContaining("3-d vector for text #1 but 2-d");
        FakeEmbedder zero = new FakeEmbedder().put("z", 0, 0);
        assertThatThrownBy(() -> new ManifoldFlows(zero).compute(
                List.of(new FlowInput("s", List.of(safe("z")), List.of(safe("z"))))))
                .hasMessageContaining("non-zero vector");
    }
}
