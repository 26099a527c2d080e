package dev.fracture.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.FractureResult;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.event.RunInfo;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.run.RunStats;
import dev.fracture.reports.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryListenerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double Z95 = 1.959963984540054;

    @TempDir
    Path dir;

    /** Wilson score interval written out here, independently of the library the core uses. */
    static double[] wilson(int k, int n) {
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {centre - half, centre + half};
    }

    @Test
    void cueHashesKeepTheCueOrderSoThatTwoRunsWriteTheSameFile() throws Exception {
        // The cue order (train paraphrases as configured, then deploy) must not depend on a per-JVM hash seed.
        Map<String, String> hashes = new java.util.LinkedHashMap<>();
        for (String cue : List.of("default", "rlhf", "graders", "logged", "contractors", "weights")) {
            hashes.put(cue, Integer.toHexString(cue.hashCode()));
        }
        hashes.put("deploy", "77e0d412");
        RunInfo base = Fixtures.info("[engine:junit-jupiter]/[class:S]/[test-template:m()]");
        RunInfo info = new RunInfo(base.id(), base.name(), base.pool(), base.axis(), base.decoder(), base.tau(),
                base.modelId(), base.judge(), hashes, false, base.started());
        assertThat(info.cueHashes().keySet()).containsExactlyElementsOf(hashes.keySet());
        RunSummaryListener listener = new RunSummaryListener(dir);
        List<PromptOutcome> outcomes = Fixtures.pool("p", 30, 3, 5, 2);
        listener.measurementStarted(info);
        outcomes.forEach(o -> listener.promptEvaluated(info, o));
        FractureResult result = Fixtures.aggregate(outcomes, "default");
        listener.gateDecided(info, List.of(result), Gate.evaluate(result, GateConfig.of(0.3)), RunStats.empty());
        listener.runFinished();

        JsonNode written = JSON.readTree(dir.resolve("summary.json").toFile()).get("measurements").get(0).get("cueHashes");
        List<String> order = new java.util.ArrayList<>();
        written.fieldNames().forEachRemaining(order::add);
        assertThat(order).containsExactlyElementsOf(hashes.keySet());
        assertThat(SummaryJson.read(dir.resolve("summary.json")).measurements().get(0).cueHashes().keySet())
                .as("read back").containsExactlyElementsOf(hashes.keySet());
    }

    @Test
    void writesTheCellsRatesGateAndCountersOfAMeasurementPublishedFromSeveralThreads() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(dir);
        RunInfo info = Fixtures.info("[engine:junit-jupiter]/[class:SafetySuite]/[test-template:holds()]");
        List<PromptOutcome> outcomes = Fixtures.pool("p", 30, 3, 5, 2);
        listener.measurementStarted(info);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        outcomes.forEach(o -> pool.submit(() -> listener.promptEvaluated(info, o)));
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        FractureResult result = Fixtures.aggregate(outcomes, "default");
        GateResult gate = Gate.evaluate(result, GateConfig.of(0.3));
        listener.gateDecided(info, List.of(result), gate, new RunStats(80, 12, 68, 80, 0, 4_321));
        listener.runFinished();

        String text = Files.readString(dir.resolve("summary.json"));
        assertThat(SchemaCheck.errors(text)).isEmpty();
        JsonNode m = JSON.readTree(text).get("measurements").get(0);
        assertThat(JSON.readTree(text).get("schema").asText()).isEqualTo("fracture-summary/4");
        assertThat(m.get("axis").asText()).isEqualTo("safety");
        assertThat(m.get("decoder").get("label").asText()).isEqualTo("greedy");
        assertThat(m.get("judge").get("id").asText()).isEqualTo(Fixtures.JUDGE.id());
        assertThat(m.get("judge").get("version").asText()).isEqualTo("1");
        assertThat(m.get("cueHashes").get("deploy").asText()).isEqualTo("77e0d412");
        assertThat(m.get("stats").get("cacheHits").asInt()).isEqualTo(12);
        assertThat(m.get("stats").get("wallMillis").asLong()).isEqualTo(4_321);

        JsonNode r = m.get("results").get(0);
        assertThat(r.get("gated").asBoolean()).isTrue();
        assertThat(r.get("n").asInt()).isEqualTo(40);
        assertThat(r.get("cells").get("safeSafe").asInt()).isEqualTo(30);
        assertThat(r.get("cells").get("flipTrainToDeploy").asInt()).isEqualTo(3);
        assertThat(r.get("cells").get("flipDeployToTrain").asInt()).isEqualTo(5);
        assertThat(r.get("cells").get("unsafeUnsafe").asInt()).isEqualTo(2);
        double[] ci = wilson(3, 40);
        assertThat(r.get("fracture").get("estimate").asDouble()).isEqualTo(0.075);
        assertThat(r.get("fracture").get("interval").get("lower").asDouble()).isCloseTo(ci[0], within(1e-9));
        assertThat(r.get("fracture").get("interval").get("upper").asDouble()).isCloseTo(ci[1], within(1e-9));
        assertThat(r.get("fracture").get("interval").get("method").asText()).isEqualTo("wilson");
        assertThat(r.get("reverse").get("count").asInt()).isEqualTo(5);
        assertThat(r.get("conditional").get("count").asInt()).isEqualTo(3);
        assertThat(r.get("conditional").get("total").asInt()).isEqualTo(33);
        assertThat(r.get("gate").get("outcome").asText()).isEqualTo("PASS");
        assertThat(r.get("gate").get("budget").asDouble()).isEqualTo(0.3);
        assertThat(r.get("gate").get("policy").asText()).isEqualTo("upper-bound");
        assertThat(r.get("gate").get("explanation").asText()).isEqualTo(gate.explanation());
        assertThat(r.has("placebo")).isFalse();

        JsonNode frontier = m.get("frontier");
        assertThat(frontier.get("prompts")).hasSize(40);
        // v > u for the 30 safe/safe (0.1→0.2), the 3 flips and the 2 unsafe (0.9→1.0): 35 of 40.
        assertThat(frontier.get("dominance").asDouble()).isEqualTo(35 / 40.0);
        assertThat(JSON.readTree(text).get("totals").get("pass").asInt()).isEqualTo(1);
    }

    @Test
    void roundTripsThroughTheReaderUnchanged() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(dir);
        List<PromptOutcome> outcomes = new ArrayList<>(Fixtures.pool("q", 20, 4, 1, 1));
        outcomes.set(0, Fixtures.withPlacebo(outcomes.get(0), 0.7));
        outcomes.set(21, Fixtures.withPlacebo(outcomes.get(21), 0.1));
        Fixtures.feed(listener, Fixtures.info("m1", Fixtures.JUDGE, true), outcomes, GateConfig.of(0.05),
                RunStats.empty());
        listener.runFinished();

        Path file = dir.resolve("summary.json");
        RunSummary read = SummaryJson.read(file);
        assertThat(SummaryJson.toJson(read)).isEqualTo(Files.readString(file));
        RunSummary.Placebo placebo = read.measurements().get(0).results().get(0).placebo();
        // Prompt q-0 is safe/safe with w = 0.7: no flip either way. Prompt q-21 flips (0.2 → 0.9) and its
        // placebo w = 0.1 also flips against v: both.
        assertThat(placebo.counts()).isEqualTo(new RunSummary.PlaceboCells(1, 0, 0, 1));
        assertThat(placebo.rate().count()).isEqualTo(1);
        assertThat(placebo.rate().total()).isEqualTo(2);
        assertThat(placebo.corrected().interval().method()).isEqualTo("newcombe-paired");
        assertThat(SchemaCheck.errors(Files.readString(file))).isEmpty();
    }

    @Test
    void marksAMeasurementWhoseGateNeverDecidedAsIncomplete() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(dir);
        RunInfo info = Fixtures.info("m-stopped");
        listener.measurementStarted(info);
        Fixtures.pool("s", 3, 1, 0, 0).forEach(o -> listener.promptEvaluated(info, o));
        listener.runFinished();

        String text = Files.readString(dir.resolve("summary.json"));
        assertThat(SchemaCheck.errors(text)).isEmpty();
        RunSummary s = SummaryJson.parse(text, "summary.json");
        assertThat(s.measurements().get(0).complete()).isFalse();
        assertThat(s.measurements().get(0).results()).isEmpty();
        assertThat(s.totals().incomplete()).isEqualTo(1);
        assertThat(s.measurements().get(0).frontier().prompts()).hasSize(4);
    }

    @Test
    void writesNothingForARunWithoutMeasurementsAndCarriesOverWhatALaterPartialRunDidNotMeasure() throws Exception {
        RunSummaryListener listener = new RunSummaryListener(dir);
        listener.runFinished();
        assertThat(dir.resolve("summary.json")).doesNotExist();

        Fixtures.feed(listener, Fixtures.info("a"), Fixtures.pool("a", 5, 0, 0, 0), GateConfig.of(0.1),
                RunStats.empty());
        listener.runFinished();
        Fixtures.feed(listener, Fixtures.info("b"), Fixtures.pool("b", 6, 0, 0, 0), GateConfig.of(0.1),
                RunStats.empty());
        listener.runFinished();
        RunSummary second = SummaryJson.read(dir.resolve("summary.json"));
        // Both measurements have the same name, so they are sorted by id; "a" was not run the second time.
        assertThat(second.measurements()).extracting(RunSummary.Measurement::id).containsExactly("a", "b");
        assertThat(second.measurements()).extracting(RunSummary.Measurement::carriedOver).containsExactly(true, false);
        assertThat(listener.consoleLines()).anySatisfy(l -> assertThat(l).contains("carried over 1 measurement"));
    }

    @Test
    void readsTheDirectoryFromTheSystemPropertyWhenTheRunFinishes() throws Exception {
        RunSummaryListener listener = new RunSummaryListener();
        Fixtures.feed(listener, Fixtures.info("x"), Fixtures.pool("x", 5, 0, 0, 0), GateConfig.of(0.1),
                RunStats.empty());
        String before = System.getProperty(RunSummaryListener.DIR_KEY);
        System.setProperty(RunSummaryListener.DIR_KEY, dir.resolve("custom").toString());
        try {
            listener.runFinished();
        } finally {
            if (before == null) {
                System.clearProperty(RunSummaryListener.DIR_KEY);
            } else {
                System.setProperty(RunSummaryListener.DIR_KEY, before);
            }
        }
        assertThat(dir.resolve("custom/summary.json")).exists();
        assertThat(dir.resolve("custom/index.html")).exists();
    }

    @Test
    void measurementsAreSortedByNameThenIdSoTwoRunsWriteIdenticalFilesWhateverOrderTheyFinish() throws Exception {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-03-01T12:00:00Z"),
                java.time.ZoneOffset.UTC);
        // The same three measurements finishing in two different orders, as parallel test methods do.
        List<RunInfo> infos = List.of(named("[m:b]", "Zeta#holds"), named("[m:z]", "Alpha#holds"),
                named("[m:a]", "Alpha#holds"));
        List<String> texts = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        for (List<RunInfo> order : List.of(infos, List.of(infos.get(2), infos.get(0), infos.get(1)))) {
            Path out = dir.resolve("run-" + texts.size());
            RunSummaryListener listener = new RunSummaryListener(() -> out, clock,
                    () -> dev.fracture.reports.internal.ManifoldSettings.off("off in this test"));
            order.forEach(info -> Fixtures.feed(listener, info, Fixtures.pool(info.id(), 10, 2, 1, 1),
                    GateConfig.of(0.3), new RunStats(28, 0, 28, 28, 0, 900)));
            listener.runFinished();
            texts.add(Files.readString(out.resolve("summary.json")));
            pages.add(Files.readString(out.resolve("index.html")));
        }
        List<String> ids = new ArrayList<>();
        JSON.readTree(texts.get(0)).get("measurements").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).containsExactly("[m:a]", "[m:z]", "[m:b]");
        assertThat(texts.get(1)).isEqualTo(texts.get(0));
        assertThat(pages.get(1)).isEqualTo(pages.get(0));
    }

    private static RunInfo named(String id, String name) {
        RunInfo base = Fixtures.info(id);
        return new RunInfo(id, name, base.pool(), base.axis(), base.decoder(), base.tau(), base.modelId(),
                base.judge(), base.cueHashes(), base.placebo(), base.started());
    }

    @Test
    void refusesAnotherSchemaVersionWithAMessageNamingBoth() {
        String text = "{\"schema\": \"fracture-summary/5\", \"measurements\": []}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SummaryJson.parse(text, "shard-7.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard-7.json")
                .hasMessageContaining("\"fracture-summary/5\"")
                .hasMessageContaining("\"fracture-summary/4\", \"fracture-summary/3\", \"fracture-summary/2\", \"fracture-summary/1\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SummaryJson.parse("{\"x\": 1}", "other.json"))
                .hasMessageContaining("other.json is not a Fracture run summary");
    }

    @Test
    void theSchemaRejectsASummaryWithoutItsRequiredFields() {
        assertThat(SchemaCheck.errors("{\"schema\": \"fracture-summary/2\", \"measurements\": [{\"axis\": \"x\"}]}"))
                .anySatisfy(e -> assertThat(e).contains("generatedAt"))
                .anySatisfy(e -> assertThat(e).contains("axis"));
    }
}
