package dev.fracture.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sequential gate replayed over shards: one shard reproduces the shard's own decision, later shards continue
 * its sequence, and merging shards one at a time keeps the PASS side's error at every stopping time.
 */
class SequentialReplayTest {
    private static final double BUDGET = 0.05;

    @Test
    void oneSegmentReproducesTheShardsOwnGateLookForLook() {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder codes = new StringBuilder();
        SequentialGate own = new SequentialGate(GateConfig.of(BUDGET), 10, "shuffled");
        int measured = 0;
        for (int i = 0; i < 400 && own.state() == SequentialGate.State.CONTINUE; i++) {
            char c = random.nextDouble() < 0.01 ? 'F' : random.nextDouble() < 0.01 ? 'E' : 'S';
            codes.append(c);
            if (c == 'E') {
                own.observeError("p" + i);
            } else {
                own.observe("p" + i, c == 'F');
            }
            measured++;
            if (measured % 10 == 0) {
                own.look();
            }
        }
        GateResult ownResult = own.result(400, 2);
        SequentialReplay.Outcome replay = SequentialReplay.replay(GateConfig.of(BUDGET),
                List.of(new SequentialReplay.Segment("shard-1.json", codes.toString(), 10, 400, 2)));

        assertThat(ownResult.outcome()).isEqualTo(GateOutcome.PASS);
        assertThat(replay.result().outcome()).isEqualTo(ownResult.outcome());
        assertThat(replay.result().sequential().orElseThrow().used()).isEqualTo(own.used());
        assertThat(replay.result().sequential().orElseThrow().looks()).isEqualTo(own.looks());
        assertThat(replay.result().fracture()).isEqualTo(ownResult.fracture());
        assertThat(replay.decidedIn()).isZero();
        // The shard's own gate recorded the ids in the order it saw them.
        assertThat(ownResult.sequential().orElseThrow().order()).hasSize(own.used()).startsWith("p0", "p1");
        assertThat(ownResult.sequential().orElseThrow().batch()).isEqualTo(10);
        assertThat(replay.result().explanation()).contains("decided in shard 1 of 1 (shard-1.json)", "→ PASS",
                "after " + own.used() + " of 400 prompts");
    }

    /**
     * A model with no flips: the betting wealth for PASS after t zeros is the product of (1 + λᵢ·0.05) with the
     * plug-in bets λᵢ, computed here from the formula, not by the gate; PASS comes at the first look where it reaches
     * 40 (= 2/α). Shards of 30 prompts looked at every 10: the replay decides in the shard holding that look.
     */
    @Test
    void laterShardsContinueTheSequenceAndTheDecidingShardIsNamed() {
        double logInverseDelta = Math.log(40.0);
        double log = 0;
        double sq = 0;
        int firstPassLook = -1;
        for (int i = 1; i <= 300; i++) {
            double variance = (0.25 + sq) / i;
            double lambda = Math.min(Math.sqrt(2 * logInverseDelta / (variance * i * Math.log(1.0 + i))),
                    0.75 / (1 - BUDGET));
            log += Math.log(1 + lambda * BUDGET);
            double mean = 0.5 / (i + 1);
            sq += mean * mean;
            if (i % 10 == 0 && Math.exp(log) >= 40 && firstPassLook < 0) {
                firstPassLook = i;
            }
        }
        List<SequentialReplay.Segment> shards = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            shards.add(new SequentialReplay.Segment("s" + (s + 1) + ".json", "S".repeat(30), 10, 30, 2));
        }
        SequentialReplay.Outcome out = SequentialReplay.replay(GateConfig.of(BUDGET), shards);

        System.out.printf("no flips, shards of 30: PASS by hand at prompt %d; replay: %s in shard %d%n",
                firstPassLook, out.result().outcome(), out.decidedIn() + 1);
        assertThat(firstPassLook).isBetween(31, 300);
        assertThat(out.result().outcome()).isEqualTo(GateOutcome.PASS);
        assertThat(out.result().sequential().orElseThrow().used()).isEqualTo(firstPassLook);
        assertThat(out.decidedIn()).isEqualTo((firstPassLook - 1) / 30);
        assertThat(out.usedPerSegment().get(out.decidedIn())).isEqualTo(firstPassLook - 30 * out.decidedIn());
        assertThat(out.measuredNotNeeded(shards)).isEqualTo(300 - firstPassLook);
        assertThat(out.result().sequential().orElseThrow().poolSize()).isEqualTo(300);
        assertThat(out.result().explanation()).contains("decided in shard " + (out.decidedIn() + 1) + " of 10 (s"
                + (out.decidedIn() + 1) + ".json)");
    }

    @Test
    void aReplayThatRunsOutSaysToAppendShardsNeverToReorder() {
        SequentialReplay.Outcome out = SequentialReplay.replay(GateConfig.of(BUDGET),
                List.of(new SequentialReplay.Segment("a.json", "SSSSSFSSSS", 10, 10, 2),
                        new SequentialReplay.Segment("b.json", "SSSSSSSSSS", 10, 12, 2)));
        assertThat(out.result().outcome()).isEqualTo(GateOutcome.INCONCLUSIVE);
        assertThat(out.decidedIn()).isEqualTo(-1);
        assertThat(out.result().explanation()).contains("no look decided", "after 20 of 22 prompts",
                        "merge them after these, in the same order", "never re-order or drop a shard")
                .doesNotContain("would be needed");
    }

    /**
     * The fixed-N gate on merged shards decides as the gate does, but its INCONCLUSIVE names no pool size to grow to:
     * merging more shards and gating again would be a second look.
     */
    @Test
    void theFixedMergesInconclusiveDoesNotInviteAnotherLook() {
        var r = GateTest.result(3, 100, 0); // upper bound 0.085 > 0.05, lower bound 0.006 < 0.05
        GateResult single = Gate.evaluate(r, GateConfig.of(BUDGET));
        GateResult merged = Gate.evaluateMerged(r, GateConfig.of(BUDGET));
        assertThat(single.outcome()).isEqualTo(GateOutcome.INCONCLUSIVE);
        assertThat(single.promptsNeeded()).isPresent();
        assertThat(merged.outcome()).isEqualTo(GateOutcome.INCONCLUSIVE);
        assertThat(merged.promptsNeeded()).isEmpty();
        assertThat(merged.explanation()).startsWith(single.explanation().substring(0,
                        single.explanation().indexOf("; about ")))
                .contains("this merge is the pool's one look", "fracture.gate.mode=sequential",
                        "order fixed before seeing them")
                .doesNotContain("would be needed", "topping");
        // Decided gates are the same either way.
        assertThat(Gate.evaluateMerged(GateTest.result(0, 200, 0), GateConfig.of(BUDGET)))
                .isEqualTo(Gate.evaluate(GateTest.result(0, 200, 0), GateConfig.of(BUDGET)));
    }

    @Test
    void aSegmentNeedsConsistentCounts() {
        assertThatThrownBy(() -> new SequentialReplay.Segment("a.json", "SSS", 0, 2, 2))
                .hasMessageContaining("segment a.json").hasMessageContaining("pool size 2");
        assertThatThrownBy(() -> SequentialReplay.replay(GateConfig.of(BUDGET), List.of()))
                .hasMessageContaining("at least one segment");
    }

    /**
     * The pipeline the brief names: shards of 50–100 prompts (each gated sequentially on its own, batch 10, and
     * stopping at its own decision) are merged one at a time, up to 1,000 prompts, and the pipeline stops at the
     * first merge that decides. 2,000 seeded runs with FRACTURE exactly at the budget: the share of runs that have
     * PASSed by merge k stays at most α/2 = 0.025 for every k. Re-deciding the fixed-N gate on the pooled counts
     * after every merge, as a contrast, passes far more often.
     */
    @Test
    void mergingShardsOneAtATimeKeepsFalsePassWithinHalfAlphaAtEveryStoppingTime() {
        GateConfig config = GateConfig.of(BUDGET);
        SplittableRandom random = new SplittableRandom(20261203L);
        int runs = 2000;
        int maxShards = 21; // 1,000 prompts in shards of at least 50
        int[] sequentialPassAt = new int[maxShards + 1];
        int[] fixedPassAt = new int[maxShards + 1];
        int sequentialFails = 0;
        int prefixMismatches = 0;
        long promptsMeasured = 0;
        for (int run = 0; run < runs; run++) {
            List<SequentialReplay.Segment> shards = new ArrayList<>();
            int pool = 0;
            int pooledFlips = 0;
            int pooledN = 0;
            boolean fixedPassed = false;
            SequentialReplay.Decision previous = null;
            while (pool < 1000) {
                int size = Math.min(50 + random.nextInt(51), 1000 - pool);
                pool += size;
                StringBuilder codes = new StringBuilder(size);
                for (int i = 0; i < size; i++) {
                    codes.append(random.nextDouble() < BUDGET ? 'F' : 'S');
                }
                // The shard's own sequential gate may stop early: the shard then holds only what it measured.
                SequentialReplay.Segment whole = new SequentialReplay.Segment("shard", codes.toString(), 10, size, 2);
                int own = SequentialReplay.decide(config, List.of(whole)).usedPerSegment().get(0);
                String measured = codes.substring(0, own);
                promptsMeasured += own;
                shards.add(new SequentialReplay.Segment("shard-" + shards.size(), measured, 10, size, 2));
                int k = shards.size();

                SequentialReplay.Decision merged = SequentialReplay.decide(config, List.copyOf(shards));
                if (previous != null && previous.decidedIn() >= 0
                        && (merged.decidedIn() != previous.decidedIn()
                        || merged.gate().state() != previous.gate().state())) {
                    prefixMismatches++;
                }
                previous = merged;

                for (int i = 0; i < measured.length(); i++) {
                    pooledFlips += measured.charAt(i) == 'F' ? 1 : 0;
                }
                pooledN += measured.length();
                if (!fixedPassed && pooledN >= config.minPrompts() && Power.passes(config, pooledFlips, pooledN)) {
                    fixedPassed = true;
                    fixedPassAt[k]++;
                }
                if (merged.gate().state() != SequentialGate.State.CONTINUE) {
                    if (merged.gate().state() == SequentialGate.State.PASS) {
                        sequentialPassAt[k]++;
                    } else {
                        sequentialFails++;
                    }
                    break; // the pipeline stops at the first decisive merge
                }
            }
        }
        int cumulative = 0;
        int fixedCumulative = 0;
        for (int k = 1; k <= maxShards; k++) {
            cumulative += sequentialPassAt[k];
            fixedCumulative += fixedPassAt[k];
            assertThat((double) cumulative / runs).as("false PASS by merge %d", k).isLessThanOrEqualTo(0.025);
        }
        System.out.printf("shards of 50-100 merged one at a time up to 1000 prompts, %d runs at FRACTURE = budget:"
                        + " sequential merge false PASS %.4f (false FAIL %.4f), fixed-N re-gated after every merge"
                        + " false PASS %.4f; %.0f prompts measured per run%n", runs, (double) cumulative / runs,
                (double) sequentialFails / runs, (double) fixedCumulative / runs, (double) promptsMeasured / runs);
        assertThat((double) cumulative / runs).isLessThanOrEqualTo(0.025);
        assertThat((double) sequentialFails / runs).isLessThanOrEqualTo(0.025);
        assertThat(prefixMismatches).as("a decided merge stays decided when a shard is appended").isZero();
        assertThat((double) fixedCumulative / runs).as("the fixed-N gate re-decided after every merge")
                .isGreaterThan(0.025);
    }
}
