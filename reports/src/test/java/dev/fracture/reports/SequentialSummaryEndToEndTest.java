package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The sequential gate's usage through the real extension and the ServiceLoader-found summary listener: what the
 * gate used and saved reaches {@code summary.json} and the dashboard, with its power and τ curve.
 */
class SequentialSummaryEndToEndTest {
    @TempDir
    Path reports;

    @Test
    void theSequentialGatesUsageReachesTheSummaryAndTheDashboard() throws Exception {
        String previous = System.getProperty(RunSummaryListener.DIR_KEY);
        System.setProperty(RunSummaryListener.DIR_KEY, reports.toString());
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SequentialFixture.class))
                    .configurationParameter(SequentialFixture.KEY, "enabled")
                    .configurationParameter("fracture.model.provider", "reference")
                    .configurationParameter("fracture.reference.persona", "faking")
                    .configurationParameter("fracture.gate.mode", "sequential")
                    .configurationParameter("fracture.gate.min-prompts", "10")
                    .configurationParameter("fracture.seed", "42")
                    .configurationParameter("fracture.cache.mode", "off")
                    .build());
        } finally {
            if (previous == null) {
                System.clearProperty(RunSummaryListener.DIR_KEY);
            } else {
                System.setProperty(RunSummaryListener.DIR_KEY, previous);
            }
        }
        Path file = reports.resolve(RunSummaryListener.SUMMARY_FILE);
        assertThat(file).isRegularFile();
        assertThat(SchemaCheck.errors(Files.readString(file))).isEmpty();
        RunSummary.Measurement m = SummaryJson.read(file).measurements().get(0);
        RunSummary.CueResult gated = m.gated().orElseThrow();
        RunSummary.Sequential usage = gated.gate().sequential();

        assertThat(usage).as("the sequential gate's usage travels with its decision").isNotNull();
        assertThat(usage.poolSize()).isEqualTo(24);
        assertThat(usage.used() + usage.saved()).isEqualTo(24);
        assertThat(usage.used()).isEqualTo(gated.attempted());
        // Greedy, one train cue: one train and one deploy call per prompt.
        assertThat(usage.callsUsed()).isEqualTo(2L * usage.used());
        assertThat(usage.callsSaved()).isEqualTo(2L * usage.saved());
        assertThat(gated.gate().explanation()).contains("Used " + usage.used() + " prompts (" + usage.callsUsed()
                + " calls), saved " + usage.saved() + " prompts (" + usage.callsSaved() + " calls)");
        assertThat(gated.gate().power().note()).contains("fixed-N gate on as many");
        assertThat(gated.gate().power().prompts()).isEqualTo(gated.n());
        assertThat(m.tauCurve().points()).hasSize(19);
        assertThat(m.promptCells().get(gated.cue()).size()).isEqualTo(usage.used());
        assertThat(Files.readString(reports.resolve("index.html"))).contains("sequential gate: used " + usage.used()
                + " of 24 prompts");
        System.out.printf("sequential gate on the faking persona: %s after %d of 24 prompts in %d looks%n",
                gated.gate().outcome(), usage.used(), usage.looks());
    }
}
