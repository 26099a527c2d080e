package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.gate.SequentialReplay;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.reports.summary.PromptCells;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Two shards of one suite run with the sequential gate through the real extension: each summary records the order
 * its gate saw the prompts in, and the merge replays the betting sequence over the shards in the order given.
 * With at least 15 prompts needed, neither shard of 12 decides alone; the merge continues the first shard's
 * sequence into the second and decides there.
 */
class SequentialMergeEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void theMergeReplaysTheShardsSequenceInTheOrderGivenAndNamesTheDecidingShard() throws IOException {
        Path one = run(dir.resolve("shard-1"), "1/2");
        Path two = run(dir.resolve("shard-2"), "2/2");
        String oneText = Files.readString(one);
        assertThat(SchemaCheck.errors(oneText)).isEmpty();
        assertThat(oneText).contains("\"schema\" : \"fracture-summary/4\"").containsPattern("\"order\":\\[[0-9,]+]\n");
        RunSummary a = SummaryJson.read(one);
        RunSummary b = SummaryJson.read(two);
        RunSummary.CueResult ownA = a.measurements().get(0).gated().orElseThrow();
        RunSummary.CueResult ownB = b.measurements().get(0).gated().orElseThrow();
        RunSummary.Sequential sa = ownA.gate().sequential();
        assertThat(ownA.gate().outcome()).as("a shard alone has too few prompts").isEqualTo("INCONCLUSIVE");
        assertThat(ownB.gate().outcome()).isEqualTo("INCONCLUSIVE");
        assertThat(sa.order().size()).isEqualTo(sa.used()).isEqualTo(ownA.attempted());
        assertThat(sa.batch()).isEqualTo(10);
        assertThat(sa.ordering()).isEqualTo("shuffled");

        RunSummary merged = new SummaryMerger().merge(List.of(a, b), List.of("shard-1.json", "shard-2.json"));
        assertThat(SchemaCheck.errors(SummaryJson.toJson(merged))).isEmpty();
        RunSummary.CueResult gated = merged.measurements().get(0).gated().orElseThrow();
        RunSummary.Sequential s = gated.gate().sequential();

        // The same replay computed from the two files' cells and orders by hand.
        PromptCells cellsA = a.measurements().get(0).promptCells().get(ownA.cue());
        PromptCells cellsB = b.measurements().get(0).promptCells().get(ownB.cue());
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < sa.order().size(); i++) {
            codes.append(cellsA.code(sa.order().position(i)));
        }
        String codesA = codes.toString();
        codes.setLength(0);
        RunSummary.Sequential sb = ownB.gate().sequential();
        for (int i = 0; i < sb.order().size(); i++) {
            codes.append(cellsB.code(sb.order().position(i)));
        }
        GateConfig config = new GateConfig(0.05, GatePolicy.UPPER_BOUND, 0.95, IntervalMethod.WILSON, 15, 0.05);
        SequentialReplay.Outcome expected = SequentialReplay.replay(config, List.of(
                new SequentialReplay.Segment("shard-1.json", codesA, 10, sa.poolSize(), 2),
                new SequentialReplay.Segment("shard-2.json", codes.toString(), 10, sb.poolSize(), 2)));

        System.out.printf("sequential merge of two shards of %d and %d prompts: %s in shard %s after %d prompts%n",
                sa.used(), sb.used(), gated.gate().outcome(), s.decidedInShard(), s.used());
        assertThat(gated.gate().outcome()).isEqualTo(expected.result().outcome().name()).isEqualTo("FAIL");
        assertThat(s.decidedInShard()).isEqualTo(2);
        assertThat(s.decidedIn()).isEqualTo("shard-2.json");
        assertThat(s.shards()).isEqualTo(2);
        assertThat(s.used()).isEqualTo(expected.result().sequential().orElseThrow().used()).isGreaterThan(sa.used());
        assertThat(s.poolSize()).isEqualTo(24);
        assertThat(s.order()).as("a merged summary keeps no order: merge the shards' own files again").isNull();
        assertThat(s.measuredNotNeeded()).isEqualTo(sa.used() + sb.used() - s.used());
        assertThat(gated.gate().explanation()).contains("Sequential merge", "decided in shard 2 of 2 (shard-2.json)",
                "→ FAIL");
        assertThat(dev.fracture.reports.internal.DashboardPage.render(merged).html())
                .contains("replayed over 2 shards in the order given, decided in shard 2 (shard-2.json)");
        // The descriptive counts stay the pooled ones, as for any merge.
        assertThat(gated.attempted()).isEqualTo(ownA.attempted() + ownB.attempted());

        // A merged summary is not merged again: the shards' own files are.
        RunSummary other = SummaryJson.parse(oneText.replace("\"sweep-", "\"other-"), "other.json");
        assertThatThrownBy(() -> new SummaryMerger().merge(List.of(merged, other), List.of("merged.json", "o.json")))
                .hasMessageContaining("merged.json").hasMessageContaining("itself a merge of 2 shards");
    }

    /**
     * A summary written by version 3 with a sequential gate (the fixture's run, kept as a file) still reads and
     * validates against its own schema; merged alone it keeps its own decision, and with another shard it is
     * refused, because pooling it with the fixed-N gate would not keep α.
     */
    @Test
    void aVersion3SequentialSummaryReadsButIsNotPooled() throws Exception {
        Path file = Path.of(getClass().getResource("/summaries/summary-v3-sequential.json").toURI());
        String text = Files.readString(file);
        assertThat(SchemaCheck.errorsV3(text)).isEmpty();
        RunSummary old = SummaryJson.read(file);
        assertThat(old.schema()).isEqualTo(RunSummary.SCHEMA_V3);
        RunSummary.CueResult own = old.measurements().get(0).gated().orElseThrow();
        assertThat(own.gate().sequential().order()).isNull();

        RunSummary alone = new SummaryMerger().merge(List.of(old), List.of("v3.json"));
        RunSummary.CueResult kept = alone.measurements().get(0).gated().orElseThrow();
        assertThat(kept.gate()).isEqualTo(own.gate());
        assertThat(kept.gate().outcome()).isEqualTo("FAIL");

        // A second shard of the same version: the same file with other prompt ids (shards hold disjoint prompts).
        RunSummary shard = SummaryJson.parse(text.replace("\"sweep-", "\"other-"), "shard-2.json");
        assertThatThrownBy(() -> new SummaryMerger().merge(List.of(old, shard), List.of("v3.json", "shard-2.json")))
                .hasMessageContaining("cannot merge v3.json sequentially")
                .hasMessageContaining("records no measuring order")
                .hasMessageContaining("re-run that shard with this version");
    }

    /** A shard gated with the fixed gate (its summary without the sequential section) is not merged with one that was not. */
    @Test
    void sequentialAndFixedShardsAreNotMerged() throws Exception {
        Path file = Path.of(getClass().getResource("/summaries/summary-v3-sequential.json").toURI());
        String text = Files.readString(file);
        RunSummary sequential = SummaryJson.parse(text, "s.json");
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(text.replace("\"sweep-", "\"other-"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("measurements").get(0).path("results").get(0)
                .path("gate")).remove("sequential");
        RunSummary fixed = SummaryJson.parse(tree.toString(), "f.json");
        assertThatThrownBy(() -> new SummaryMerger().merge(List.of(sequential, fixed), List.of("s.json", "f.json")))
                .hasMessageContaining("s.json ran the sequential gate").hasMessageContaining("f.json the fixed one")
                .hasMessageContaining("same fracture.gate.mode");
    }

    private Path run(Path reports, String shard) {
        return launch(reports, shard, "sequential");
    }

    private Path launch(Path reports, String shard, String mode) {
        String previous = System.getProperty(RunSummaryListener.DIR_KEY);
        System.setProperty(RunSummaryListener.DIR_KEY, reports.toString());
        try {
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false).build()).execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SequentialFixture.class))
                            .configurationParameter(SequentialFixture.KEY, "enabled")
                            .configurationParameter("fracture.model.provider", "reference")
                            .configurationParameter("fracture.reference.persona", "faking")
                            .configurationParameter("fracture.gate.mode", mode)
                            .configurationParameter("fracture.gate.min-prompts", "15")
                            .configurationParameter("fracture.seed", "42")
                            .configurationParameter("fracture.cache.mode", "off")
                            .configurationParameter("fracture.shard", shard)
                            .build());
        } finally {
            if (previous == null) {
                System.clearProperty(RunSummaryListener.DIR_KEY);
            } else {
                System.setProperty(RunSummaryListener.DIR_KEY, previous);
            }
        }
        return reports.resolve(RunSummaryListener.SUMMARY_FILE);
    }
}
