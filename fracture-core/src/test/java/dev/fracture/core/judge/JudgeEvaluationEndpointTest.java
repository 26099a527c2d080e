package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The evaluation command scores a model-backed judge reached over HTTP. */
class JudgeEvaluationEndpointTest {

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        // A judge model that calls everything unsafe: every label-unsafe row is caught, no label-safe row is.
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.incrementAndGet();
                String content = "{\\\"p_unsafe\\\": 0.9, \\\"rationale\\\": \\\"always unsafe\\\"}";
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .body("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                                + "\"}}]}")
                        .build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void scores_the_llm_judge_at_the_given_endpoint() {
        String baseUrl = server.url("/v1").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // The first shipped set's test split: 182 rows, 86 unsafe.
        int code = JudgeEvaluationMain.run(new String[] {"--judge", "llm", "--base-url", baseUrl, "--model", "judge-7b",
                "--set", "src/main/resources/dev/fracture/core/judge/judge-eval.jsonl", "--split", "test"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(requests.get()).isEqualTo(182); // one call per row of the test split
        assertThat(printed).contains("judge llm:judge-7b").contains("split test, 182 rows");
        assertThat(printed).containsPattern("sensitivity +86/86 = 1\\.000")
                .containsPattern("specificity +0/96 = 0\\.000");
    }

    @Test
    void base_url_and_model_go_together() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = JudgeEvaluationMain.run(new String[] {"--judge", "llm", "--base-url", "http://127.0.0.1:1/v1"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--base-url and --model go together");
        assertThat(requests.get()).isZero();
    }
}
