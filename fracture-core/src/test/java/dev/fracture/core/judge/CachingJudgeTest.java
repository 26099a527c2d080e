package dev.fracture.core.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fracture.core.Axis;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CachingJudgeTest {

    /** Counts its calls; P(unsafe) is the answer's length mod 10 over 10, so verdicts differ by input. */
    static final class CountingJudge implements Judge {
        final AtomicInteger calls = new AtomicInteger();
        final JudgeFingerprint fp;

        CountingJudge(String version) {
            fp = new JudgeFingerprint("counting", "m", "rubric", Map.of(), version);
        }

        @Override
        public Verdict judge(JudgeInput input) {
            calls.incrementAndGet();
            return Verdict.of((input.answer().length() % 10) / 10.0, "counted", fp);
        }

        @Override
        public JudgeFingerprint fingerprint() {
            return fp;
        }
    }

    private static final JudgeInput A = new JudgeInput(Axis.SAFETY, "prompt", "answer one");

    @Test
    void aHitCostsNoJudgeCall() {
        CountingJudge inner = new CountingJudge("1");
        CachingJudge judge = new CachingJudge(inner);

        Verdict first = judge.judge(A);
        Verdict second = judge.judge(new JudgeInput(Axis.SAFETY, "prompt", "answer one"));

        assertThat(second).isEqualTo(first);
        assertThat(inner.calls).hasValue(1);
        assertThat(judge.hits()).isEqualTo(1);
        assertThat(judge.misses()).isEqualTo(1);
        assertThat(second.judge()).isEqualTo(inner.fingerprint());
        assertThat(judge.fingerprint()).isEqualTo(inner.fingerprint());
    }

    @Test
    void axisPromptAndAnswerAreAllPartOfTheKey() {
        CountingJudge inner = new CountingJudge("1");
        CachingJudge judge = new CachingJudge(inner);

        judge.judge(A);
        judge.judge(new JudgeInput(Axis.HARMLESSNESS, "prompt", "answer one"));
        judge.judge(new JudgeInput(Axis.SAFETY, "prompt 2", "answer one"));
        judge.judge(new JudgeInput(Axis.SAFETY, "prompt", "answer two"));

        assertThat(inner.calls).hasValue(4);
        assertThat(judge.hits()).isZero();
    }

    @Test
    void judgesWithDifferentFingerprintsNeverShareVerdicts() {
        InMemoryVerdictStore store = new InMemoryVerdictStore(100);
        CountingJudge v1 = new CountingJudge("1");
        CountingJudge v2 = new CountingJudge("2");

        new CachingJudge(v1, store).judge(A);
        new CachingJudge(v2, store).judge(A);
        new CachingJudge(v1, store).judge(A);

        assertThat(v1.calls).hasValue(1);
        assertThat(v2.calls).hasValue(1);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void failuresAreNotCached() {
        AtomicInteger calls = new AtomicInteger();
        JudgeFingerprint fp = new JudgeFingerprint("flaky", "", "", Map.of(), "1");
        Judge flaky = new Judge() {
            @Override
            public Verdict judge(JudgeInput input) {
                if (calls.incrementAndGet() == 1) {
                    throw new JudgeException("transient");
                }
                return Verdict.of(0.2, "ok", fp);
            }

            @Override
            public JudgeFingerprint fingerprint() {
                return fp;
            }
        };
        CachingJudge judge = new CachingJudge(flaky);

        assertThatThrownBy(() -> judge.judge(A)).isInstanceOf(JudgeException.class);
        assertThat(judge.judge(A).pUnsafe()).isEqualTo(0.2);
        assertThat(judge.judge(A).pUnsafe()).isEqualTo(0.2);
        assertThat(calls).hasValue(2);
    }

    @Test
    void inMemoryStoreIsBoundedAndEvictsTheLeastRecentlyUsed() {
        InMemoryVerdictStore store = new InMemoryVerdictStore(2);
        JudgeFingerprint fp = new JudgeFingerprint("t", "", "", Map.of(), "1");
        VerdictKey k1 = new VerdictKey("j", Axis.SAFETY, "p", "1");
        VerdictKey k2 = new VerdictKey("j", Axis.SAFETY, "p", "2");
        VerdictKey k3 = new VerdictKey("j", Axis.SAFETY, "p", "3");

        store.put(k1, Verdict.of(0.1, "", fp));
        store.put(k2, Verdict.of(0.2, "", fp));
        store.get(k1);
        store.put(k3, Verdict.of(0.3, "", fp));

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.get(k1)).isPresent();
        assertThat(store.get(k2)).isEmpty();
        assertThat(store.get(k3)).isPresent();
        assertThatThrownBy(() -> new InMemoryVerdictStore(0)).hasMessageContaining("capacity");
    }

    @Test
    void theInMemoryStoreDoesNotKeepTheAnswerOrPromptText() throws InterruptedException {
        // A full store holds up to 100 000 verdicts: with whole answers as keys (kilobytes each from a real
        // model) that alone could take hundreds of megabytes, so the store keeps a fixed-size digest instead.
        InMemoryVerdictStore store = new InMemoryVerdictStore(10);
        CachingJudge judge = new CachingJudge(new CountingJudge("1"), store);
        String answer = new String("an answer of a few kilobytes " + "x".repeat(4096));
        String prompt = new String("a prompt that only this test uses");
        WeakReference<String> answerRef = new WeakReference<>(answer);
        WeakReference<String> promptRef = new WeakReference<>(prompt);
        judge.judge(new JudgeInput(Axis.SAFETY, prompt, answer));
        answer = null;
        prompt = null;

        for (int i = 0; i < 20 && (answerRef.get() != null || promptRef.get() != null); i++) {
            System.gc();
            Thread.sleep(10);
        }

        assertThat(answerRef.get()).as("answer text kept by the store").isNull();
        assertThat(promptRef.get()).as("prompt text kept by the store").isNull();
        assertThat(store.size()).isEqualTo(1);
        assertThat(judge.judge(new JudgeInput(Axis.SAFETY, "a prompt that only this test uses",
                "an answer of a few kilobytes " + "x".repeat(4096))).rationale()).isEqualTo("counted");
        assertThat(judge.hits()).as("an equal key still hits").isEqualTo(1);
    }

    @Test
    void concurrentCallersGetEqualVerdicts() throws Exception {
        CountingJudge inner = new CountingJudge("1");
        CachingJudge judge = new CachingJudge(inner);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Verdict>> futures = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> judge.judge(new JudgeInput(Axis.SAFETY, "p", "a" + (i % 5)))))
                    .toList();
            for (Future<Verdict> f : futures) {
                assertThat(f.get().judge()).isEqualTo(inner.fingerprint());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(judge.hits() + judge.misses()).isEqualTo(200);
        assertThat(inner.calls.get()).isBetween(5, 20);
    }

    @Test
    void keyDigestSeparatesFields() {
        assertThat(new VerdictKey("j", Axis.SAFETY, "ab", "c").digest())
                .isNotEqualTo(new VerdictKey("j", Axis.SAFETY, "a", "bc").digest())
                .hasSize(64);
    }
}
