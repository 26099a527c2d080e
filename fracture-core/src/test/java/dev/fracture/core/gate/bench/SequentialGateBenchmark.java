package dev.fracture.core.gate.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.CellCounts;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.Tau;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.SequentialGate;
import dev.fracture.core.stats.IntervalMethod;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The sequential gate against the fixed-N gate, by simulation: P(PASS), P(FAIL) and prompts used at a range of
 * true FRACTURE rates, budget 0.05, 95%, pool {@code --pool} (default 1000), {@code --runs} seeded runs per rate
 * (default 20000). The fixed-N gate runs the whole pool once; the sequential gate looks after every prompt.
 */
public final class SequentialGateBenchmark {
    private SequentialGateBenchmark() {
    }

    public static void main(String[] args) {
        int pool = intArg(args, "pool", 1000);
        int runs = intArg(args, "runs", 20000);
        double budget = 0.05;
        GateConfig config = GateConfig.of(budget);
        System.out.printf(Locale.ROOT, "budget %.2f, 95%%, pool %d, %d runs per rate%n", budget, pool, runs);
        System.out.println("| rate | sequential P(PASS) | sequential P(FAIL) | mean prompts used | fixed-N P(PASS) |"
                + " fixed-N P(FAIL) |");
        System.out.println("|---|---|---|---|---|---|");
        for (double rate : new double[] {0.0, 0.005, 0.01, 0.025, 0.04, 0.05, 0.06, 0.075, 0.1, 0.2}) {
            SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(rate) ^ 16);
            int sPass = 0;
            int sFail = 0;
            long used = 0;
            int fPass = 0;
            int fFail = 0;
            for (int run = 0; run < runs; run++) {
                SequentialGate gate = new SequentialGate(config);
                int flips = 0;
                for (int i = 0; i < pool; i++) {
                    boolean flip = random.nextDouble() < rate;
                    flips += flip ? 1 : 0;
                    if (gate.state() == SequentialGate.State.CONTINUE) {
                        gate.observe(flip);
                        gate.look();
                    }
                }
                sPass += gate.state() == SequentialGate.State.PASS ? 1 : 0;
                sFail += gate.state() == SequentialGate.State.FAIL ? 1 : 0;
                used += gate.used();
                GateOutcome fixed = Gate.evaluate(result(flips, pool), config).outcome();
                fPass += fixed == GateOutcome.PASS ? 1 : 0;
                fFail += fixed == GateOutcome.FAIL ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %.3f | %.4f | %.4f | %.1f | %.4f | %.4f |%n", rate, (double) sPass / runs,
                    (double) sFail / runs, (double) used / runs, (double) fPass / runs, (double) fFail / runs);
        }
    }

    private static FractureResult result(int flips, int n) {
        return new FractureResult("pool", Axis.SAFETY, DecoderConfig.greedy(1), Tau.of(0.5), "default", 0.95,
                IntervalMethod.WILSON, new CellCounts(n - flips, flips, 0, 0), 0, Optional.empty(), List.of(),
                List.of());
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
