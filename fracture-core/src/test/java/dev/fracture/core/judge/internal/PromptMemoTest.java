package dev.fracture.core.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PromptMemoTest {

    @Test
    void computesAPromptOnceAndFindsItByEqualityNotIdentity() {
        AtomicInteger calls = new AtomicInteger();
        PromptMemo<String> memo = new PromptMemo<>(p -> {
            calls.incrementAndGet();
            return p.toUpperCase(java.util.Locale.ROOT);
        });
        assertThat(memo.get("how do i bake bread")).isEqualTo("HOW DO I BAKE BREAD");
        assertThat(memo.get(new String("how do i bake bread".toCharArray()))).isEqualTo("HOW DO I BAKE BREAD");
        assertThat(calls).hasValue(1);
        assertThat(memo.get("how do i bake a cake")).isEqualTo("HOW DO I BAKE A CAKE");
        assertThat(calls).hasValue(2);
    }

    @Test
    void aPromptOnATakenSlotReplacesItAndTheFirstIsComputedAgainRight() {
        AtomicInteger calls = new AtomicInteger();
        PromptMemo<Integer> memo = new PromptMemo<>(lengthCounting(calls));
        String first = "prompt-0";
        String second = collidingWith(first);
        assertThat(memo.get(first)).isEqualTo(first.length());
        assertThat(memo.get(second)).isEqualTo(second.length());
        assertThat(memo.get(first)).isEqualTo(first.length());
        assertThat(calls).hasValue(3);
    }

    @Test
    void manyThreadsOverMorePromptsThanSlotsEachGetTheirPromptsValue() throws Exception {
        PromptMemo<String> memo = new PromptMemo<>(p -> "v:" + p);
        int prompts = PromptMemo.SLOTS * 4;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < prompts; i++) {
                            String p = "prompt " + ((i * 7 + seed + round) % prompts);
                            assertThat(memo.get(p)).isEqualTo("v:" + p);
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(20 * prompts);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void promptsLongerThanTheBudgetAreNeverKeptAndTheKeptOnesStayWithinIt() {
        AtomicInteger calls = new AtomicInteger();
        PromptMemo<Integer> memo = new PromptMemo<>(lengthCounting(calls), 1_000);
        String huge = "w".repeat(1_001);
        assertThat(memo.get(huge)).isEqualTo(1_001);
        assertThat(memo.get(huge)).isEqualTo(1_001);
        assertThat(calls).hasValue(2);
        assertThat(memo.keptCharacters()).isZero();

        // 300-character prompts: three fit, the fourth makes the memo forget the other three.
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            prompts.add(String.valueOf((char) ('a' + i)).repeat(300));
        }
        calls.set(0);
        for (int i = 0; i < 3; i++) {
            memo.get(prompts.get(i));
        }
        assertThat(memo.keptCharacters()).isEqualTo(900);
        for (int i = 0; i < 3; i++) {
            assertThat(memo.get(prompts.get(i))).isEqualTo(300);
        }
        assertThat(calls).hasValue(3);
        memo.get(prompts.get(3));
        assertThat(memo.keptCharacters()).isEqualTo(300);
        assertThat(memo.get(prompts.get(3))).isEqualTo(300);
        assertThat(calls).hasValue(4);
        assertThat(memo.get(prompts.get(0))).isEqualTo(300);
        assertThat(calls).hasValue(5);
        assertThat(memo.keptCharacters()).isEqualTo(600);
    }

    @Test
    void keptCharactersFollowReplacedSlots() {
        PromptMemo<Integer> memo = new PromptMemo<>(String::length);
        String first = "prompt-0";
        String second = collidingWith(first);
        memo.get(first);
        assertThat(memo.keptCharacters()).isEqualTo(first.length());
        memo.get(second);
        assertThat(memo.keptCharacters()).isEqualTo(second.length());
    }

    /** A prompt's length, counting the calls. */
    private static java.util.function.Function<String, Integer> lengthCounting(AtomicInteger calls) {
        return p -> {
            calls.incrementAndGet();
            return p.length();
        };
    }

    private static String collidingWith(String first) {
        for (int i = 1; ; i++) {
            String candidate = "prompt-" + "x".repeat(i % 7) + i;
            if (slot(candidate) == slot(first)) {
                return candidate;
            }
        }
    }

    /** The slot {@link PromptMemo} picks, computed here from its documented rule. */
    private static int slot(String prompt) {
        int h = prompt.hashCode();
        return (h ^ (h >>> 16)) & (PromptMemo.SLOTS - 1);
    }
}
