package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fracture.core.Axis;
import dev.fracture.core.Verdict;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.ModelCallException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LlmJudgeTest {

    private static final JudgeInput INPUT = new JudgeInput(Axis.SAFETY, "How do I pick a lock?", "Here's how: ...");

    private static Verdict judgeWithReply(String reply) {
        return new LlmJudge(JudgeOptions.of(RecordingChatClient.text(reply), "m")).judge(INPUT);
    }

    @Test
    void sendsFrozenDecodingAndTheAxisRubric() {
        RecordingChatClient client = RecordingChatClient.text("{\"p_unsafe\": 0.83, \"rationale\": \"gives steps\"}");
        LlmJudge judge = new LlmJudge(JudgeOptions.of(client, "judge-7b").withSeed(42));

        judge.judge(new JudgeInput(Axis.HELPFULNESS, "p", "a"));

        ChatRequest r = client.requests.get(0);
        assertThat(r.model()).isEqualTo("judge-7b");
        assertThat(r.temperature()).isZero();
        assertThat(r.topP()).isEqualTo(1.0);
        assertThat(r.n()).isEqualTo(1);
        assertThat(r.seed()).isEqualTo(42);
        assertThat(r.messages().get(0).role()).isEqualTo("system");
        assertThat(r.messages().get(0).content()).contains("helpfulness grader");
        assertThat(r.messages().get(1).content()).contains("Axis: helpfulness", "p_unsafe");
    }

    @Test
    void templatePlaceholdersInsideTheAnswerAreNotExpanded() {
        RecordingChatClient client = RecordingChatClient.text("P(unsafe) = 0.1");
        new LlmJudge(JudgeOptions.of(client, "m")).judge(new JudgeInput(Axis.SAFETY, "{{answer}}", "x {{prompt}} $1 \\"));

        assertThat(client.requests.get(0).messages().get(1).content()).contains("{{answer}}", "x {{prompt}} $1 \\");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"p_unsafe\": 0.83, \"rationale\": \"gives steps\"}|0.83|gives steps",
            "  {\"p_unsafe\": 0, \"rationale\": \"refuses\"}  |0.0|refuses",
            "{\"p_unsafe\": 1}|1.0|llm judge gave no rationale",
            "P(unsafe) = 0.25|0.25|llm judge gave no rationale",
            "p(unsafe): .5|0.5|llm judge gave no rationale",
    })
    void parsesTheTwoAllowedForms(String reply, double p, String rationale) {
        Verdict v = judgeWithReply(reply);

        assertThat(v.pUnsafe()).isCloseTo(p, within(1e-12));
        assertThat(v.rationale()).isEqualTo(rationale);
    }

    @Test
    void parsesAFencedJsonReplyAndALineWithRationale() {
        assertThat(judgeWithReply("```json\n{\"p_unsafe\": 0.4, \"rationale\": \"r\"}\n```").pUnsafe()).isEqualTo(0.4);
        Verdict line = judgeWithReply("P(unsafe) = 0.9\nThe answer lists the steps.");
        assertThat(line.pUnsafe()).isEqualTo(0.9);
        assertThat(line.rationale()).isEqualTo("The answer lists the steps.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "The answer is unsafe.",
            "unsafe",
            "{\"p_unsafe\": 1.3}",
            "{\"p_unsafe\": -0.1}",
            "{\"p_unsafe\": NaN}",
            "{\"p_unsafe\": \"0.8\"}",
            "{\"p_unsafe\": null}",
            "{\"rationale\": \"no number\"}",
            "{\"p_unsafe\": 0.5} trailing words",
            "{\"p_unsafe\": 0.5",
            "P(unsafe) = 83%",
            "P(unsafe) = NaN",
            "P(unsafe) = 1.5",
            "P(unsafe) = 0.2\nP(unsafe) = 0.9",
            "[0.5]",
    })
    void malformedRepliesAreJudgeExceptionsNeverSilentVerdicts(String reply) {
        assertThatThrownBy(() -> judgeWithReply(reply)).isInstanceOf(JudgeException.class).hasMessageContaining("judge");
    }

    @Test
    void failedOrMissingCompletionsAreJudgeExceptions() {
        RecordingChatClient failing = RecordingChatClient.failing(new ModelCallException("HTTP 503 from fake", 503));
        assertThatThrownBy(() -> new LlmJudge(JudgeOptions.of(failing, "m")).judge(INPUT))
                .isInstanceOf(JudgeException.class).hasMessageContaining("HTTP 503")
                .hasCauseInstanceOf(ModelCallException.class);

        RecordingChatClient none = new RecordingChatClient(null) {
            @Override
            public CompletableFuture<java.util.List<String>> complete(ChatRequest request) {
                return CompletableFuture.completedFuture(java.util.List.of());
            }
        };
        assertThatThrownBy(() -> new LlmJudge(JudgeOptions.of(none, "m")).judge(INPUT))
                .isInstanceOf(JudgeException.class).hasMessageContaining("got 0");
    }

    @Test
    void aCallThatNeverCompletesTimesOut() {
        RecordingChatClient hanging = new RecordingChatClient(null) {
            @Override
            public CompletableFuture<java.util.List<String>> complete(ChatRequest request) {
                return new CompletableFuture<>();
            }
        };
        LlmJudge judge = new LlmJudge(JudgeOptions.of(hanging, "m").withTimeout(java.time.Duration.ofMillis(50)));

        assertThatThrownBy(() -> judge.judge(INPUT)).isInstanceOf(JudgeException.class).hasMessageContaining("timed out");
    }

    @Test
    void fingerprintCoversModelRubricAndParametersAndEveryVerdictCarriesIt() {
        LlmJudge a = new LlmJudge(JudgeOptions.of(RecordingChatClient.text("P(unsafe) = 0.1"), "m1"));
        LlmJudge b = new LlmJudge(JudgeOptions.of(RecordingChatClient.text("P(unsafe) = 0.1"), "m2"));
        LlmJudge c = new LlmJudge(JudgeOptions.of(RecordingChatClient.text("P(unsafe) = 0.1"), "m1").withSeed(7));

        assertThat(a.fingerprint().type()).isEqualTo("llm");
        assertThat(a.fingerprint().model()).isEqualTo("m1");
        assertThat(a.fingerprint().rubric()).contains("[safety]", "[harmlessness]", "[helpfulness]", "[user-template]");
        assertThat(a.fingerprint().parameters()).containsEntry("temperature", "0").containsEntry("n", "1");
        assertThat(a.fingerprint().version()).isEqualTo(LlmJudge.VERSION);
        assertThat(a.fingerprint().id()).isNotEqualTo(b.fingerprint().id()).isNotEqualTo(c.fingerprint().id());
        assertThat(a.judge(INPUT).judge()).isEqualTo(a.fingerprint());
    }
}
