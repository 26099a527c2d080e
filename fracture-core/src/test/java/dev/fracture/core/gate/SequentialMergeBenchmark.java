package dev.fracture.core.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Merging shards one at a time, by simulation: a pool of {@code --pool} prompts (default 1000) in shards of 50–100,
 * {@code --runs} seeded runs per true FRACTURE rate (default 20000), budget 0.05, 95%. Three pipelines on the same
 * draws: sequential shards (each gated on its own, batch 10, stopping at its own decision) merged after every shard
 * with {@link SequentialReplay}, stopping at the first decided merge; fixed-mode shards merged after every shard and
 * re-gated with the fixed-N gate each time, stopping at the first decision (repeated looks); and fixed-mode shards
 * merged once at the end (one look). Not a test: run it by hand (command in bench/README.md).
 */
public final class SequentialMergeBenchmark {
    private SequentialMergeBenchmark() {
    }

    public static void main(String[] args) {
        int pool = intArg(args, "pool", 1000);
        int runs = intArg(args, "runs", 20000);
        GateConfig config = GateConfig.of(0.05);
        System.out.printf(Locale.ROOT, "budget 0.05, 95%%, %d prompts in shards of 50-100, %d runs per rate%n", pool,
                runs);
        System.out.println("| rate | sequential merge P(PASS) | P(FAIL) | shards run | prompts measured |"
                + " fixed-N after every merge P(PASS) | P(FAIL) | fixed-N once P(PASS) | P(FAIL) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (double rate : new double[] {0.0, 0.01, 0.025, 0.04, 0.05, 0.06, 0.075, 0.1}) {
            SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(rate) ^ 1216);
            int sPass = 0;
            int sFail = 0;
            long shardsRun = 0;
            long measured = 0;
            int rPass = 0;
            int rFail = 0;
            int oPass = 0;
            int oFail = 0;
            for (int run = 0; run < runs; run++) {
                List<SequentialReplay.Segment> shards = new ArrayList<>();
                List<String> whole = new ArrayList<>();
                int total = 0;
                while (total < pool) {
                    int size = Math.min(50 + random.nextInt(51), pool - total);
                    total += size;
                    StringBuilder codes = new StringBuilder(size);
                    for (int i = 0; i < size; i++) {
                        codes.append(random.nextDouble() < rate ? 'F' : 'S');
                    }
                    whole.add(codes.toString());
                    int own = SequentialReplay.decide(config, List.of(new SequentialReplay.Segment("shard",
                            codes.toString(), 10, size, 2))).usedPerSegment().get(0);
                    shards.add(new SequentialReplay.Segment("shard-" + shards.size(), codes.substring(0, own), 10,
                            size, 2));
                }
                // One replay over every shard: a merge after each shard is a prefix of it (SequentialReplayTest).
                SequentialReplay.Decision d = SequentialReplay.decide(config, shards);
                int last = d.decidedIn() < 0 ? shards.size() - 1 : d.decidedIn();
                shardsRun += last + 1;
                for (int s = 0; s <= last; s++) {
                    measured += shards.get(s).outcomes().length();
                }
                sPass += d.gate().state() == SequentialGate.State.PASS ? 1 : 0;
                sFail += d.gate().state() == SequentialGate.State.FAIL ? 1 : 0;

                int flips = 0;
                int n = 0;
                boolean decided = false;
                for (String shard : whole) {
                    for (int i = 0; i < shard.length(); i++) {
                        flips += shard.charAt(i) == 'F' ? 1 : 0;
                    }
                    n += shard.length();
                    if (!decided && n >= config.minPrompts()) {
                        if (Power.passes(config, flips, n)) {
                            rPass++;
                            decided = true;
                        } else if (Gate.failInterval(flips, n, config.confidence()).lower() > config.budget()) {
                            rFail++;
                            decided = true;
                        }
                    }
                }
                oPass += Power.passes(config, flips, n) ? 1 : 0;
                oFail += Gate.failInterval(flips, n, config.confidence()).lower() > config.budget() ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %.3f | %.4f | %.4f | %.1f | %.1f | %.4f | %.4f | %.4f | %.4f |%n", rate,
                    (double) sPass / runs, (double) sFail / runs, (double) shardsRun / runs, (double) measured / runs,
                    (double) rPass / runs, (double) rFail / runs, (double) oPass / runs, (double) oFail / runs);
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 3));
            }
        }
        return fallback;
    }
}
