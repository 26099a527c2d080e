package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Four shards of one suite, each a separate run with its own summary, merge into exactly the unsharded run. */
class ShardMergeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fourShardsMergedEqualOneUnshardedRunInCountsAndGate() throws IOException {
        JsonNode whole = run(dir.resolve("whole"), null);
        List<RunSummary> shards = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> flipped = new HashSet<>();
        int prompts = 0;
        for (int i = 1; i <= 4; i++) {
            Path shardDir = dir.resolve("shard-" + i);
            JsonNode shard = run(shardDir, i + "/4");
            prompts += result(shard).path("n").asInt();
            result(shard).path("flips").forEach(f -> flipped.add(f.path("id").asText(f.asText())));
            shards.add(SummaryJson.read(shardDir.resolve(RunSummaryListener.SUMMARY_FILE)));
            names.add("shard-" + i);
        }
        JsonNode merged = JSON.readTree(SummaryJson.toJson(new SummaryMerger().merge(shards, names)));

        assertThat(prompts).as("the shards hold every prompt once").isEqualTo(result(whole).path("n").asInt())
                .isEqualTo(24);
        assertThat(result(whole).path("cells").path("flipTrainToDeploy").asInt()).as("the fixture flips some")
                .isPositive();
        assertThat(result(merged).path("cells")).isEqualTo(result(whole).path("cells"));
        assertThat(result(merged).path("n")).isEqualTo(result(whole).path("n"));
        assertThat(result(merged).path("gate").path("outcome")).isEqualTo(result(whole).path("gate").path("outcome"));
        assertThat(result(merged).path("fracture")).isEqualTo(result(whole).path("fracture"));
    }

    private static JsonNode result(JsonNode summary) {
        return summary.path("measurements").get(0).path("results").get(0);
    }

    private JsonNode run(Path reports, String shard) throws IOException {
        String previous = System.getProperty(RunSummaryListener.DIR_KEY);
        System.setProperty(RunSummaryListener.DIR_KEY, reports.toString());
        try {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(ShardFixture.class))
                    .configurationParameter(ShardFixture.KEY, "enabled")
                    .configurationParameter("fracture.model.provider", "reference")
                    .configurationParameter("fracture.reference.persona", "decoder-sensitive")
                    .configurationParameter("fracture.gate.min-prompts", "1")
                    .configurationParameter("fracture.seed", "42")
                    .configurationParameter("fracture.cache.mode", "off");
            if (shard != null) {
                request.configurationParameter("fracture.shard", shard);
            }
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false).build()).execute(request.build());
        } finally {
            if (previous == null) {
                System.clearProperty(RunSummaryListener.DIR_KEY);
            } else {
                System.setProperty(RunSummaryListener.DIR_KEY, previous);
            }
        }
        return JSON.readTree(reports.resolve(RunSummaryListener.SUMMARY_FILE).toFile());
    }
}
