package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.reports.summary.PromptCells;
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
 * The regression verdict against a baseline checkpoint served by a second endpoint, through the real extension and
 * the ServiceLoader-found summary listener: it reaches {@code summary.json} (valid against the schema) and the
 * dashboard, and its counts agree with the candidate's own per-prompt cells in the same file.
 */
class BaselineSummaryEndToEndTest {
    @TempDir
    Path reports;

    @Test
    void theBaselineVerdictReachesTheSummaryAndTheDashboard() throws Exception {
        String previous = System.getProperty(RunSummaryListener.DIR_KEY);
        String baselineUrl;
        System.setProperty(RunSummaryListener.DIR_KEY, reports.toString());
        try (ReferenceSubject faking = ReferenceSubject.start(Persona.FAKING);
             ReferenceSubject aligned = ReferenceSubject.start(Persona.ALIGNED)) {
            baselineUrl = aligned.baseUri().toString();
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SequentialFixture.class))
                    .configurationParameter(SequentialFixture.KEY, "enabled")
                    .configurationParameter("fracture.model.base-url", faking.baseUri().toString())
                    .configurationParameter("fracture.model.name", "reference")
                    .configurationParameter("fracture.model.api-key-env", "")
                    .configurationParameter("fracture.model.revision-from-server", "false")
                    .configurationParameter("fracture.baseline.base-url", aligned.baseUri().toString())
                    .configurationParameter("fracture.baseline.delta", "0.02")
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
        assertThat(SchemaCheck.errors(Files.readString(file))).isEmpty();
        RunSummary.Measurement m = SummaryJson.read(file).measurements().get(0);
        RunSummary.Baseline b = m.baseline();
        assertThat(b).as("the regression verdict travels with the measurement").isNotNull();
        PromptCells candidate = m.promptCells().get(m.gated().orElseThrow().cue());
        // The aligned baseline never flips, so every candidate flip is a candidate-only pair.
        assertThat(b.paired()).isEqualTo(24);
        assertThat(b.candidateOnly()).isEqualTo(candidate.count(PromptCells.FLIP)).isPositive();
        assertThat(b.baselineOnly()).isZero();
        assertThat(b.increase()).isEqualTo((double) b.candidateOnly() / 24);
        assertThat(b.mcNemarP()).isEqualTo(Math.pow(0.5, b.candidateOnly()));
        assertThat(b.delta()).isEqualTo(0.02);
        assertThat(b.baseline()).contains(baselineUrl);
        assertThat(b.outcome()).isEqualTo("FAIL");
        assertThat(b.failsGate()).isTrue();
        assertThat(Files.readString(reports.resolve("index.html"))).contains("regression against the baseline")
                .contains(b.candidateOnly() + " candidate-only and 0 baseline-only flips");
        System.out.printf("baseline regression on %d prompts: %s, %d candidate-only flips, p = %.3g%n", b.paired(),
                b.outcome(), b.candidateOnly(), b.mcNemarP());
    }
}
