package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.internal.ManifoldSettings;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every geometric view on one page: a 3 × 3 sweep with its cap, and a greedy measurement with Manifold
 * Flows. The page is left in {@code target/fracture-geometry-demo} to be opened in a browser.
 */
class GeometryDashboardDemoTest {
    static final Path OUT = Path.of("target/fracture-geometry-demo");

    @Test
    void writesOnePageWithEveryGeometricView() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(OUT,
                ManifoldSettings.on(200, ManifoldSummaryTest.StanceEmbedder::new));
        Fixtures.feed(listener, Fixtures.info("greedy"), ManifoldSummaryTest.pool(9, 31), GateConfig.of(0.1),
                new RunStats(80, 0, 80, 80, 0, 2_500));
        int[][] flips = {{0, 1, 2}, {1, 3, 8}, {2, 10, 20}};
        double[] ts = {0.3, 0.7, 1.0};
        double[] ps = {0.8, 0.9, 1.0};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                LandscapeSummaryTest.feedPoint(listener, LandscapeSummaryTest.pointInfo(ts[i], ps[j]),
                        LandscapeSummaryTest.prompts(flips[i][j]));
            }
        }
        listener.runFinished();

        RunSummary s = SummaryJson.read(OUT.resolve("summary.json"));
        assertThat(SchemaCheck.errors(Files.readString(OUT.resolve("summary.json")))).isEmpty();
        assertThat(s.landscape()).hasSize(1);
        // Every measurement has flows, even those whose answers take only two distinct texts (a flat projection).
        assertThat(s.measurements()).allSatisfy(m -> assertThat(m.manifold()).isNotNull());
        assertThat(OUT.resolve("m1-manifold.svg")).exists();
        assertThat(OUT.resolve("landscape-1.svg")).exists();
        List<String> html = Files.readAllLines(OUT.resolve("index.html"));
        assertThat(String.join("\n", html)).contains("The paper's four numbers").contains("Decoder cap: T ≤ 0.7");
    }
}
