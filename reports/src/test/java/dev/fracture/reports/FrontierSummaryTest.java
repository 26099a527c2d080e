package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Stackelberg Response Frontier's numbers and the paper numbers of a measurement outside any sweep. */
class FrontierSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double Z90 = 1.6448536269514722;
    private static final double Z95 = 1.959963984540054;

    @TempDir
    Path dir;

    /** Wilson score interval at a given z, written out here. */
    static double[] wilson(int k, int n, double z) {
        double p = (double) k / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static List<PromptOutcome> points(double[][] uv) {
        List<PromptOutcome> out = new ArrayList<>();
        for (int i = 0; i < uv.length; i++) {
            out.add(Fixtures.outcome("s-" + i, "default", uv[i][0], uv[i][1], Fixtures.JUDGE, "train", "deploy"));
        }
        return out;
    }

    private RunSummary run(List<PromptOutcome> outcomes, GateConfig gate) {
        RunSummaryListener listener = new RunSummaryListener(dir);
        Fixtures.feed(listener, Fixtures.info("m"), outcomes, gate, RunStats.empty());
        listener.runFinished();
        return SummaryJson.read(dir.resolve("summary.json"));
    }

    @Test
    void dominanceAndMedianLiftMatchAHandWorkedFrontier() throws Exception {
        // Lifts v − u: +0.4, 0, −0.3, +0.9, +0.1. Strictly above the diagonal: 3 of 5 (the tie 0.2 = 0.2 does
        // not count). Sorted lifts −0.3, 0, 0.1, 0.4, 0.9: the median is 0.1.
        RunSummary s = run(points(new double[][] {{0.1, 0.5}, {0.2, 0.2}, {0.6, 0.3}, {0.0, 0.9}, {0.3, 0.4}}),
                GateConfig.of(0.3));
        RunSummary.Frontier f = s.measurements().get(0).frontier();
        assertThat(f.n()).isEqualTo(5);
        assertThat(f.dominance()).isEqualTo(0.6);
        double[] ci = wilson(3, 5, Z95);
        assertThat(f.dominanceInterval().lower()).isCloseTo(ci[0], within(1e-9));
        assertThat(f.dominanceInterval().upper()).isCloseTo(ci[1], within(1e-9));
        assertThat(f.dominanceInterval().method()).isEqualTo("wilson");
        assertThat(f.medianLift()).isCloseTo(0.1, within(1e-12));
        // A bootstrap median of 5 lifts lies between the smallest and largest lift and covers the median.
        RunSummary.BootstrapBounds b = f.medianLiftInterval();
        assertThat(b.lower()).isBetween(-0.3, 0.1);
        assertThat(b.upper()).isBetween(0.1, 0.9);
        assertThat(b.lower()).isLessThan(b.upper());
        assertThat(b.method()).isEqualTo("percentile-bootstrap");
        assertThat(b.resamples()).isEqualTo(2000);
        assertThat(b.level()).isEqualTo(0.95);
        assertThat(SchemaCheck.errors(Files.readString(dir.resolve("summary.json")))).isEmpty();

        RunSummary.Figure lift = s.measurements().get(0).paperNumbers().srfMedianLift();
        assertThat(lift.estimate()).isEqualTo(f.medianLift());
        assertThat(lift.lower()).isEqualTo(b.lower());
        assertThat(lift.upper()).isEqualTo(b.upper());
        assertThat(lift.n()).isEqualTo(5);
        assertThat(lift.note()).isEqualTo("over the prompts of cue default");
    }

    @Test
    void evenPoolsTakeTheMeanOfTheMiddleLiftsAndEqualLiftsGiveAPointInterval() {
        // Lifts 0.1, 0.2, 0.4, 0.8 → median (0.2 + 0.4) / 2 = 0.3; all four above the diagonal.
        RunSummary.Frontier even = run(points(new double[][] {{0.0, 0.1}, {0.1, 0.3}, {0.2, 0.6}, {0.1, 0.9}}),
                GateConfig.of(0.3)).measurements().get(0).frontier();
        assertThat(even.medianLift()).isCloseTo(0.3, within(1e-12));
        assertThat(even.dominance()).isEqualTo(1.0);
        // A binomial interval, not a bootstrap: 4 of 4 does not claim certainty.
        assertThat(even.dominanceInterval().lower()).isCloseTo(wilson(4, 4, Z95)[0], within(1e-9)).isLessThan(0.6);

        RunSummary.Frontier flat = run(points(new double[][] {{0.1, 0.8}, {0.2, 0.9}, {0.0, 0.7}}),
                GateConfig.of(0.3)).measurements().get(0).frontier();
        assertThat(flat.medianLift()).isCloseTo(0.7, within(1e-12));
        assertThat(flat.medianLiftInterval().lower()).isCloseTo(0.7, within(1e-12));
        assertThat(flat.medianLiftInterval().upper()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void theIntervalsUseTheGatesConfidenceLevel() {
        GateConfig ninety = new GateConfig(0.3, GatePolicy.UPPER_BOUND, 0.90, IntervalMethod.WILSON, 30, 0.05);
        RunSummary.Frontier f = run(points(new double[][] {{0.1, 0.5}, {0.2, 0.2}, {0.6, 0.3}, {0.0, 0.9},
            {0.3, 0.4}}), ninety).measurements().get(0).frontier();
        assertThat(f.dominanceInterval().level()).isEqualTo(0.90);
        assertThat(f.dominanceInterval().upper()).isCloseTo(wilson(3, 5, Z90)[1], within(1e-9));
        assertThat(f.medianLiftInterval().level()).isEqualTo(0.90);
    }

    @Test
    void paperNumbersOutsideASweepHaveFractureAndLiftAndStateWhyTheOthersAreMissing() throws Exception {
        RunSummary s = run(Fixtures.pool("p", 30, 3, 5, 2), GateConfig.of(0.3));
        RunSummary.PaperNumbers p = s.measurements().get(0).paperNumbers();
        double[] ci = wilson(3, 40, Z95);
        assertThat(p.fracture().estimate()).isEqualTo(0.075);
        assertThat(p.fracture().lower()).isCloseTo(ci[0], within(1e-9));
        assertThat(p.fracture().upper()).isCloseTo(ci[1], within(1e-9));
        assertThat(p.fracture().method()).isEqualTo("Wilson");
        assertThat(p.fracture().n()).isEqualTo(40);
        // Lifts: 30 × 0.1, 3 × 0.7, 5 × −0.5, 2 × 0.1 → the median of 40 is 0.1.
        assertThat(p.srfMedianLift().estimate()).isCloseTo(0.1, within(1e-12));
        assertThat(p.manifoldEntry().defined()).isFalse();
        assertThat(p.manifoldEntry().note()).contains("Manifold Flows are off").contains("fracture.geometry.manifold");
        assertThat(p.fractureBeforeCaps().defined()).isFalse();
        assertThat(p.fractureBeforeCaps().note()).isEqualTo("no sweep ran");
        assertThat(p.fractureAfterCaps().note()).isEqualTo("no sweep ran");
        assertThat(p.capSetting()).isNull();
        assertThat(s.landscape()).isNull();

        // Undefined numbers are written as explicit nulls, next to their reason.
        String text = Files.readString(dir.resolve("summary.json"));
        assertThat(SchemaCheck.errors(text)).isEmpty();
        JsonNode entry = JSON.readTree(text).get("measurements").get(0).get("paperNumbers").get("manifoldEntry");
        assertThat(entry.has("estimate")).isTrue();
        assertThat(entry.get("estimate").isNull()).isTrue();
        assertThat(JSON.readTree(text).get("measurements").get(0).get("paperNumbers").get("capSetting").isNull())
                .isTrue();
        assertThat(JSON.readTree(text).get("measurements").get(0).has("manifold")).isFalse();
    }

    @Test
    void aMeasurementWhoseGateNeverDecidedStillHasItsFrontierAndSaysWhyFractureIsMissing() {
        RunSummaryListener listener = new RunSummaryListener(dir);
        var info = Fixtures.info("stopped");
        listener.measurementStarted(info);
        Fixtures.pool("s", 3, 1, 0, 0).forEach(o -> listener.promptEvaluated(info, o));
        RunSummary s = listener.drain();
        RunSummary.PaperNumbers p = s.measurements().get(0).paperNumbers();
        assertThat(p.fracture().defined()).isFalse();
        assertThat(p.fracture().note()).contains("gate never decided");
        assertThat(p.srfMedianLift().defined()).isTrue();
        assertThat(p.fractureBeforeCaps().note()).contains("gate never decided");
    }

    @Test
    void theDashboardPrintsTheFrontierNumbersBesideTheScatterAndThePaperNumbersAtTheTopOfTheAxis() throws Exception {
        RunSummary s = run(points(new double[][] {{0.1, 0.5}, {0.2, 0.2}, {0.6, 0.3}, {0.0, 0.9}, {0.3, 0.4}}),
                GateConfig.of(0.3));
        String html = Files.readString(dir.resolve("index.html"));
        RunSummary.Frontier f = s.measurements().get(0).frontier();
        String dominance = String.format(java.util.Locale.ROOT, "0.600 <span class=\"ci\">[%.3f, %.3f]</span> (95%%, "
                + "wilson)", f.dominanceInterval().lower(), f.dominanceInterval().upper());
        String lift = String.format(java.util.Locale.ROOT, "0.100 <span class=\"ci\">[%.3f, %.3f]</span> (95%%, "
                + "percentile bootstrap, B=2000", f.medianLiftInterval().lower(), f.medianLiftInterval().upper());
        assertThat(html).contains(dominance).contains(lift);
        // Beside the scatter: the numbers follow the frontier plot inside the same row of plots.
        int plot = html.indexOf("m1-frontier.svg</a>");
        assertThat(plot).isPositive();
        assertThat(html.indexOf(dominance)).isGreaterThan(plot).isLessThan(html.indexOf("m1-cues.svg</a>"));
        // The paper numbers open the axis section, above the first measurement.
        int section = html.indexOf("<h2>Axis: safety</h2>");
        int table = html.indexOf("The paper's four numbers");
        assertThat(table).isGreaterThan(section).isLessThan(html.indexOf("<article id=\"m1\">"));
        assertThat(html).contains("no sweep ran").contains("Manifold Flows are off");
    }
}
