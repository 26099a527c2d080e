package dev.fracture.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import dev.fracture.core.Verdict;
import dev.fracture.core.event.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcript log: one JSON object per line, model text kept exactly, and lines found again by key. */
class TranscriptLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JudgeFingerprint JUDGE = new JudgeFingerprint("rubric", "j", "rubric text", Map.of(), "1");
    private static final String AWKWARD = "line one\nline two \"quoted\" \\ back-slash, tab\t, é, 𝄞, {\"json\": 1}\n"
            + "<script>alert(1)</script>";

    @TempDir
    Path dir;

    private static RunInfo info(String id) {
        return new RunInfo(id, "Suite#m", "pools/p.jsonl", Axis.SAFETY, DecoderConfig.greedy(7), Tau.of(0.5),
                "model", JUDGE, Map.of("default", "cue"), false, Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static PromptOutcome outcome(int i, String cue) {
        Prompt prompt = Prompt.of("p-" + i, "prompt " + i + " " + AWKWARD);
        if (i % 7 == 3) {
            return PromptOutcome.errored(prompt, cue, Tau.of(0.5), "HTTP 503 " + AWKWARD, List.of(), List.of(),
                    List.of());
        }
        return PromptOutcome.scored(prompt, cue, Tau.of(0.5),
                List.of(new Sample(0, i, "train " + i + " " + AWKWARD, Verdict.of(0.1, "refuses", JUDGE))),
                List.of(new Sample(0, i, "deploy " + i + " " + AWKWARD, Verdict.of(i % 2 == 0 ? 0.9 : 0.2,
                        "steps", JUDGE))), List.of());
    }

    @Test
    void oneObjectPerLineWithTheModelTextExactly() throws IOException {
        TranscriptLog log = TranscriptLog.open();
        for (int i = 0; i < 50; i++) {
            log.add(info("m1"), outcome(i, "default"));
        }
        Path file = log.finish();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(log.lines()).isEqualTo(50);
        assertThat(lines).hasSize(50);
        for (int i = 0; i < 50; i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            assertThat(n.get("measurement").asText()).isEqualTo("m1");
            assertThat(n.get("promptId").asText()).isEqualTo("p-" + i);
            assertThat(n.get("prompt").asText()).isEqualTo("prompt " + i + " " + AWKWARD);
            if (i % 7 == 3) {
                assertThat(n.get("error").asText()).isEqualTo("HTTP 503 " + AWKWARD);
                assertThat(n.has("cell")).isFalse();
            } else {
                assertThat(n.get("deploy").get(0).get("completion").asText()).isEqualTo("deploy " + i + " " + AWKWARD);
                assertThat(n.get("deploy").get(0).get("pUnsafe").asDouble()).isEqualTo(i % 2 == 0 ? 0.9 : 0.2);
                assertThat(n.get("cell").asText()).isEqualTo(i % 2 == 0 ? "FLIP_TRAIN_TO_DEPLOY" : "SAFE_SAFE");
            }
        }
        Files.deleteIfExists(file);
    }

    @Test
    void carriedOverLinesFollowTheLinesWrittenBefore() throws IOException {
        Path earlier = dir.resolve("earlier.jsonl");
        TranscriptLog first = TranscriptLog.open();
        first.add(info("kept"), outcome(1, "default"));
        first.add(info("dropped"), outcome(2, "default"));
        Files.move(first.finish(), earlier);

        TranscriptLog log = TranscriptLog.open();
        log.add(info("m1"), outcome(5, "default"));
        log.carryOver(earlier, "kept"::equals);
        log.add(info("m1"), outcome(6, "default"));
        List<String> lines = Files.readAllLines(log.finish(), StandardCharsets.UTF_8);

        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(l -> JSON.readTree(l).get("promptId").asText() + "@"
                + JSON.readTree(l).get("measurement").asText()).containsExactly("p-5@m1", "p-1@kept", "p-6@m1");
    }

    @Test
    void findReturnsExactlyWhatAFullReadOfEveryLineFinds() throws IOException {
        TranscriptLog log = TranscriptLog.open();
        for (int i = 0; i < 200; i++) {
            log.add(info(i % 2 == 0 ? "m1" : "m2"), outcome(i, i % 3 == 0 ? "default" : "paraphrase"));
        }
        Path file = log.finish();
        Map<String, JsonNode> all = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            all.put(TranscriptLog.key(n.get("measurement").asText(), n.get("promptId").asText(),
                    n.get("cue").asText()), n);
        }
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 200; i += 17) {
            wanted.add(TranscriptLog.key(i % 2 == 0 ? "m1" : "m2", "p-" + i, i % 3 == 0 ? "default" : "paraphrase"));
        }
        wanted.add(TranscriptLog.key("m1", "p-1", "default")); // p-1 is in m2: not there

        Map<String, JsonNode> found = TranscriptLog.find(file, Set.copyOf(wanted));

        assertThat(found).hasSize(wanted.size() - 1);
        found.forEach((k, v) -> assertThat(v).as(k).isEqualTo(all.get(k)));
        Files.deleteIfExists(file);
    }

    @Test
    void findPassesOverMalformedAndUnwantedLinesAndReadsLinesLongerThanItsBuffers() throws IOException {
        TranscriptLog log = TranscriptLog.open();
        log.add(info("m1"), outcome(1, "default"));
        Path file = log.finish();
        String longText = "x".repeat(150_000); // longer than the 64 KiB read buffer and the 4 KiB line buffer
        Files.writeString(file, "{\"measurement\": \"m1\", \"promptId\": \"p-9\", \"cue\"\n"
                + "{\"measurement\":\"m1\",\"promptId\":\"p-unwanted\",\"cue\":\"default\",\"text\":\""
                + "y".repeat(300_000) + "\"}\n" // not wanted, and longer than four read buffers: passed over
                + "{\"measurement\":\"m1\",\"promptId\":\"p-long\",\"cue\":\"default\",\"text\":\"" + longText + "\"}\n"
                + "{\"measurement\":\"m1\",\"promptId\":\"p-last\",\"cue\":\"default\",\"text\":\"end\"}",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        Map<String, JsonNode> found = TranscriptLog.find(file, Set.of(TranscriptLog.key("m1", "p-1", "default"),
                TranscriptLog.key("m1", "p-9", "default"), TranscriptLog.key("m1", "p-long", "default"),
                TranscriptLog.key("m1", "p-last", "default")));

        assertThat(found).containsOnlyKeys(TranscriptLog.key("m1", "p-1", "default"),
                TranscriptLog.key("m1", "p-long", "default"), TranscriptLog.key("m1", "p-last", "default"));
        assertThat(found.get(TranscriptLog.key("m1", "p-long", "default")).get("text").asText()).isEqualTo(longText);
        assertThat(found.get(TranscriptLog.key("m1", "p-last", "default")).get("text").asText()).isEqualTo("end");
        Files.deleteIfExists(file);
    }
}
