package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import dev.fracture.core.event.RunInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The hand-off between the engine's threads and JUnit: bounded, and never stuck after JUnit lets go. */
class MeasurementRunTest {
    private static final int POOL = 5_000;
    private static final MeasurementPlan PLAN = new MeasurementPlan("[engine:test]", "bounded", null, null,
            dev.fracture.core.run.Cues.defaults());

    /** Emits {@value #POOL} errored outcomes as fast as it can, counting what the consumer accepted. */
    private static final class FastEngine implements MeasurementEngine {
        final AtomicInteger emitted = new AtomicInteger();
        final CountDownLatch finished = new CountDownLatch(1);

        @Override
        public RunInfo describe(MeasurementPlan plan, Instant started) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.fracture.core.protocol.Manifest.Subject subject() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String judge() {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.fracture.core.run.RunResult run(MeasurementPlan plan, Consumer<PromptOutcome> onOutcome) {
            try {
                for (int i = 0; i < POOL; i++) {
                    onOutcome.accept(PromptOutcome.errored(Prompt.of("p" + i, "text " + i), "default", Tau.of(0.5),
                            "no model", List.of(), List.of(), List.of()));
                    emitted.incrementAndGet();
                }
            } finally {
                finished.countDown();
            }
            throw new IllegalStateException("ends the stream; no result needed here");
        }
    }

    @Test
    void aSlowConsumerHoldsBackTheEngineInsteadOfQueueingEveryOutcome() throws Exception {
        FastEngine engine = new FastEngine();
        try (MeasurementRun run = MeasurementRun.start(engine, PLAN)) {
            waitUntilStable(engine.emitted);

            assertThat(engine.emitted.get()).as("outcomes held while JUnit has taken none")
                    .isLessThanOrEqualTo(MeasurementRun.CAPACITY + 1);
            assertThat(run.stream().filter(MeasurementRun.Item::isOutcome).count()).isEqualTo(POOL);
        }
    }

    @Test
    void closingAnAbandonedRunReleasesTheEngineThreadsBlockedOnTheHandOff() throws Exception {
        FastEngine engine = new FastEngine();
        MeasurementRun run = MeasurementRun.start(engine, PLAN);
        waitUntilStable(engine.emitted);

        run.close();

        assertThat(engine.finished.await(5, TimeUnit.SECONDS)).as("the engine's emitting thread is released").isTrue();
    }

    private static void waitUntilStable(AtomicInteger counter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline && counter.get() != last) {
            last = counter.get();
            Thread.sleep(100);
        }
    }
}
