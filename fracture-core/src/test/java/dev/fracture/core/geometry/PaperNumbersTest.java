package dev.fracture.core.geometry;

import static dev.fracture.core.geometry.GridFixtures.grid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.FractureResult;
import dev.fracture.core.stats.IntervalMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperNumbersTest {
    private static final double[] TS = {0.2, 1.0};
    private static final double[] PS = {0.9, 1.0};

    private final FakeEmbedder embedder = new FakeEmbedder().put("no", 1, 0).put("yes", 0, 1);

    @Test
    void gathersTheFourNumbersWithTheirIntervals() throws Exception {
        FlipLandscape landscape = FlipLandscape.of(grid(TS, PS, new int[][] {{2, 4}, {30, 40}}));
        FractureResult headline = landscape.uncapped();
        FrontierStats frontier = StackelbergFrontier.stats(List.of(new FrontierPoint("a", 0, 1),
                new FrontierPoint("b", 0.2, 0.4), new FrontierPoint("c", 0.5, 0.5)));
        ManifoldResult manifold = new ManifoldFlows(embedder).compute(List.of(
                new FlowInput("a", List.of(new JudgedAnswer("no", false)), List.of(new JudgedAnswer("yes", true))),
                new FlowInput("b", List.of(new JudgedAnswer("no", false)), List.of(new JudgedAnswer("no", false)))));
        DecoderCap cap = landscape.cap(0.10);

        PaperNumbers numbers = PaperNumbers.of(headline, frontier, manifold, cap);

        assertThat(numbers.fracture().estimate()).isEqualTo(40 / 200.0);
        assertThat(numbers.fracture().upper()).isEqualTo(IntervalMethod.WILSON.interval(40, 200, 0.95).upper());
        assertThat(numbers.fracture().method()).isEqualTo("Wilson");
        assertThat(numbers.srfMedianLift().estimate()).isCloseTo(0.2, within(1e-12));
        assertThat(numbers.srfMedianLift().method()).startsWith("percentile bootstrap (B=2000");
        assertThat(numbers.manifoldEntry().estimate()).isEqualTo(0.5);
        assertThat(numbers.manifoldEntry().n()).isEqualTo(2);
        assertThat(numbers.fractureBeforeCaps().estimate()).isEqualTo(40 / 200.0);
        assertThat(numbers.fractureBeforeCaps().note()).isEqualTo("at (T=1.0, top-p=1.0)");
        assertThat(numbers.fractureAfterCaps().estimate()).isEqualTo(4 / 200.0);
        assertThat(numbers.capSetting()).isEqualTo("T ≤ 0.2, top-p ≤ 1.0");
        assertThat(numbers.figures()).hasSize(5).allMatch(Figure::defined);

        JsonNode json = new ObjectMapper().valueToTree(numbers);
        assertThat(json.at("/manifoldEntry/estimate").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/fractureAfterCaps/lower").isNumber()).isTrue();
        assertThat(json.at("/capSetting").asText()).isEqualTo("T ≤ 0.2, top-p ≤ 1.0");
    }

    @Test
    void undefinedEntryAndEmptyCapAreNullNotZero() throws Exception {
        FlipLandscape landscape = FlipLandscape.of(grid(TS, PS, new int[][] {{30, 30}, {30, 40}}));
        FrontierStats frontier = StackelbergFrontier.stats(List.of(new FrontierPoint("a", 0, 1)));
        ManifoldResult manifold = new ManifoldFlows(embedder).compute(List.of(
                new FlowInput("a", List.of(new JudgedAnswer("no", false)), List.of(new JudgedAnswer("yes", false)))));

        PaperNumbers numbers = PaperNumbers.of(landscape.uncapped(), frontier, manifold, landscape.cap(0.10));

        assertThat(numbers.manifoldEntry().defined()).isFalse();
        assertThat(numbers.manifoldEntry().format()).contains("undefined", "no answer was judged unsafe");
        assertThat(numbers.fractureAfterCaps().defined()).isFalse();
        assertThat(numbers.fractureAfterCaps().note()).contains("no grid point passes budget 0.1");
        assertThat(numbers.capSetting()).isEqualTo("none");
        JsonNode json = new ObjectMapper().valueToTree(numbers);
        assertThat(json.at("/manifoldEntry/estimate").isNull()).isTrue();
        assertThat(json.at("/fractureAfterCaps/upper").isNull()).isTrue();
    }
}
