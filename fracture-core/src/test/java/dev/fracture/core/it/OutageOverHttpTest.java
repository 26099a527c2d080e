package dev.fracture.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import dev.fracture.core.model.OpenAiChatClient;
import dev.fracture.core.model.OpenAiClientOptions;
import dev.fracture.core.reference.Persona;
import dev.fracture.core.reference.ReferenceConfig;
import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.testing.TestPools;
import dev.fracture.core.run.RunSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The endpoint goes down mid-run and comes back: the circuit breaker holds calls and probes, so the run recovers
 * and only the calls that tripped the breaker are errored, not every prompt that arrived during the outage.
 */
class OutageOverHttpTest {
    private static final List<Prompt> POOL = TestPools.mixed(30, 30);
    private static final RunSpec SPEC = RunSpec.of("it-outage", POOL, Axis.SAFETY,
            DecoderConfig.sampling(1.0, 0.95, 2, 9), Tau.of(0.5));
    private static final int THRESHOLD = 3;

    @Test
    void aRunRecoversAfterAnOutageWithOnlyTheTrippingCallsErrored() throws Exception {
        try (ReferenceSubject upstream = HttpStack.server(ReferenceConfig.of(Persona.FAKING))) {
            HttpStack.Run clean;
            try (OpenAiChatClient client = OpenAiChatClient.create(HttpStack.options(upstream).build())) {
                clean = HttpStack.run(client, SPEC);
            }
            OkHttpClient forward = new OkHttpClient();
            AtomicInteger arrivals = new AtomicInteger();
            AtomicLong downUntil = new AtomicLong();
            AtomicInteger refusedWhileDown = new AtomicInteger();
            try (MockWebServer proxy = new MockWebServer()) {
                proxy.setDispatcher(new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest r) {
                        // Down for 1.5 s from the 40th request on; then back.
                        if (arrivals.incrementAndGet() == 40) {
                            downUntil.set(System.nanoTime() + 1_500_000_000L);
                        }
                        if (System.nanoTime() < downUntil.get()) {
                            refusedWhileDown.incrementAndGet();
                            return new MockResponse.Builder().code(502).body("bad gateway").build();
                        }
                        try (Response up = forward.newCall(new Request.Builder()
                                .url(upstream.baseUri() + "/chat/completions")
                                .post(RequestBody.create(r.getBody().utf8(), MediaType.get("application/json")))
                                .build()).execute()) {
                            return new MockResponse.Builder().code(up.code())
                                    .setHeader("Content-Type", "application/json").body(up.body().string()).build();
                        } catch (Exception e) {
                            return new MockResponse.Builder().code(500).body(e.toString()).build();
                        }
                    }
                });
                proxy.start();
                OpenAiClientOptions options = OpenAiClientOptions.builder(proxy.url("/v1").toString(),
                                ReferenceSubject.MODEL).endpointId("reference-subject")
                        .backoffBase(Duration.ofMillis(5)).backoffMax(Duration.ofMillis(20)).maxRetries(1)
                        .maxConcurrency(4).maxConsecutiveFailures(THRESHOLD).probeEvery(Duration.ofMillis(200))
                        .maxOutage(Duration.ofSeconds(30)).build();
                HttpStack.Run run;
                try (OpenAiChatClient client = OpenAiChatClient.create(options)) {
                    run = HttpStack.run(client, SPEC);
                    assertThat(client.breakerOpenings()).as("the outage opened the breaker").isPositive();
                }
                assertThat(refusedWhileDown.get()).as("requests refused during the outage").isPositive();
                // Calls in flight when it went down fail with their retries until the breaker opens; every prompt
                // that arrives afterwards waits for the probe instead of failing.
                assertThat(run.result().stats().errors()).as("errored prompts").isLessThanOrEqualTo(4 + THRESHOLD);
                Map<String, PromptOutcome> cleanById = clean.outcomes().stream()
                        .collect(Collectors.toMap(PromptOutcome::promptId, o -> o));
                assertThat(run.outcomes()).filteredOn(o -> !o.isError()).hasSizeGreaterThanOrEqualTo(POOL.size() - 7)
                        .allSatisfy(o -> assertThat(o.cell()).isEqualTo(cleanById.get(o.promptId()).cell()));
            } finally {
                forward.dispatcher().executorService().shutdown();
            }
        }
    }
}
