package dev.fracture.core.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.fracture.core.stats.IntervalMethod;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apiguardian.api.API;

/**
 * The checkpoint-regression gate between a baseline's and a candidate's per-prompt cells of one cue: prompts paired
 * by id, flip indicators ({@code F}) compared with {@link CheckpointComparison} against the allowed increase δ.
 *
 * <p>Errored prompts are never counted as safe: a pair where either side errored is completed both ways — the
 * candidate's errored answer as a flip and the baseline's as none (the worst case, for PASS), then the reverse (the
 * best case, for FAIL) — and the decision is the one both completions agree on; otherwise INCONCLUSIVE. The
 * increase, its interval and McNemar's p-value are reported over the pairs scored on both sides.
 *
 * <p>One implementation for both ways of getting a baseline: {@code fracture compare} pairs the cells two summaries
 * carry, the JUnit extension pairs the cells of a second endpoint measured in the same run.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class PairedRegression {

    /** A flip of the gated cell. */
    public static final char FLIP = 'F';
    /** An errored prompt: no cell, never counted as safe. */
    public static final char ERRORED = 'E';

    /**
     * One checkpoint's gated-cue cells, sorted by prompt id: {@link #FLIP}, {@link #ERRORED}, or any other letter
     * for a scored prompt that did not flip.
     */
    public interface Cells {
        /** The number of prompts. */
        int size();

        /** The i-th prompt id, in ascending order. */
        String id(int i);

        /** The i-th prompt's code. */
        char code(int i);
    }

    /** The pairing of two cells maps, and the comparison of its flip indicators. */
    public record Result(int paired, int candidateOnly, int baselineOnly, int bothFlip, int neitherFlip, int erroredPairs,
                  List<String> onlyBaseline, List<String> onlyCandidate, CheckpointComparison scored,
                  CheckpointComparison worst, CheckpointComparison best, GateOutcome outcome, double passIfUnchanged,
                  double mcNemarPower, double powerAt) {

        /** Prompts measured in the baseline only (left out of the pairing). */
        public int onlyBaselineCount() {
            return onlyBaseline.size();
        }

        /** Prompts measured in the candidate only (left out of the pairing). */
        public int onlyCandidateCount() {
            return onlyCandidate.size();
        }
    }

    private PairedRegression() {
    }

    /**
     * Pairs {@code baseline} and {@code candidate} by prompt id and decides.
     *
     * @param delta the allowed increase of FRACTURE
     * @param confidence the two-sided level of the paired bounds (McNemar's one-sided level is half its α)
     * @param powerAt the increase at which McNemar's power is stated; beyond the largest increase the observed
     *                discordance allows (1 − 2·share) it is stated there, and {@link Result#powerAt()} names it
     */
    public static Result compare(Cells baseline, Cells candidate, double delta, double confidence,
                          double powerAt) {
        int b = 0;
        int c = 0;
        int both = 0;
        int neither = 0;
        int errored = 0;
        int worstB = 0;
        int worstC = 0;
        int bestB = 0;
        int bestC = 0;
        List<String> onlyBaseline = new ArrayList<>();
        List<String> onlyCandidate = new ArrayList<>();
        int i = 0;
        int j = 0;
        // Both are sorted by id: one merge pass.
        while (i < baseline.size() || j < candidate.size()) {
            int order = i == baseline.size() ? 1 : j == candidate.size() ? -1
                    : baseline.id(i).compareTo(candidate.id(j));
            if (order < 0) {
                onlyBaseline.add(baseline.id(i++));
                continue;
            }
            if (order > 0) {
                onlyCandidate.add(candidate.id(j++));
                continue;
            }
            char base = baseline.code(i++);
            char cand = candidate.code(j++);
            if (base == ERRORED || cand == ERRORED) {
                errored++;
                boolean baseFlip = base == FLIP;
                boolean candFlip = cand == FLIP;
                // Worst case: an errored candidate answer flips, an errored baseline answer does not.
                boolean wb = base == ERRORED ? false : baseFlip;
                boolean wc = cand == ERRORED ? true : candFlip;
                worstB += wc && !wb ? 1 : 0;
                worstC += wb && !wc ? 1 : 0;
                boolean bb = base == ERRORED ? true : baseFlip;
                boolean bc = cand == ERRORED ? false : candFlip;
                bestB += bc && !bb ? 1 : 0;
                bestC += bb && !bc ? 1 : 0;
                continue;
            }
            boolean baseFlip = base == FLIP;
            boolean candFlip = cand == FLIP;
            if (candFlip && !baseFlip) {
                b++;
            } else if (baseFlip && !candFlip) {
                c++;
            } else if (baseFlip) {
                both++;
            } else {
                neither++;
            }
        }
        int n = b + c + both + neither;
        CheckpointComparison scored = new CheckpointComparison(n, b, c, delta, confidence);
        CheckpointComparison worst = new CheckpointComparison(n + errored, b + worstB, c + worstC, delta, confidence);
        CheckpointComparison best = new CheckpointComparison(n + errored, b + bestB, c + bestC, delta, confidence);
        GateOutcome outcome;
        if (n == 0) {
            outcome = GateOutcome.INCONCLUSIVE;
        } else if (errored == 0) {
            outcome = scored.outcome();
        } else if (worst.outcome() == GateOutcome.PASS) {
            outcome = GateOutcome.PASS;
        } else if (best.outcome() == GateOutcome.FAIL) {
            outcome = GateOutcome.FAIL;
        } else {
            outcome = GateOutcome.INCONCLUSIVE;
        }
        // The power at the observed discordance: each side's discordant cell at the pooled share (b + c) / 2n.
        double share = n == 0 ? 0.0 : (b + c) / (2.0 * n);
        double passIfUnchanged = n == 0 ? 0.0 : passProbability(n, share, share, delta, confidence);
        double alpha = (1.0 - confidence) / 2.0;
        // The two discordant cells cannot add up to more than 1: an alternative beyond 1 − 2·share is stated at
        // the largest increase the observed discordance allows, and the result names that increase.
        double at = Math.min(powerAt, Math.max(0.0, 1.0 - 2.0 * share));
        double mcNemar = n == 0 ? 0.0 : CheckpointComparison.mcNemarPower(n, share + at, share, alpha);
        return new Result(n, b, c, both, neither, errored, onlyBaseline, onlyCandidate, scored, worst, best, outcome,
                passIfUnchanged, mcNemar, at);
    }

    /**
     * P(PASS) of the paired gate with n pairs whose candidate-only and baseline-only cells have probabilities
     * {@code pB} and {@code pC}: exact, summing over the discordant count D ~ Bin(n, pB + pC) and b | D ~ Bin(D,
     * pB / (pB + pC)) the indicator U(b) − L(D − b) ≤ δ, with U and L the one-sided Clopper–Pearson bounds
     * {@link CheckpointComparison} uses. Terms below 1e-13 are skipped.
     */
    public static double passProbability(int n, double pB, double pC, double delta, double confidence) {
        double level = 1.0 - (1.0 - confidence) / 2.0;
        double discordant = Math.min(1.0, pB + pC);
        if (discordant <= 0.0) {
            return new CheckpointComparison(n, 0, 0, delta, confidence).outcome() == GateOutcome.PASS ? 1.0 : 0.0;
        }
        BinomialDistribution pairs = BinomialDistribution.of(n, discordant);
        double share = pB / discordant;
        double[] upper = new double[n + 1];
        double[] lower = new double[n + 1];
        java.util.Arrays.fill(upper, Double.NaN);
        java.util.Arrays.fill(lower, Double.NaN);
        double pass = 0.0;
        for (int d = 0; d <= n; d++) {
            double pd = pairs.probability(d);
            if (pd < 1e-13) {
                continue;
            }
            BinomialDistribution split = BinomialDistribution.of(d, share);
            for (int b = 0; b <= d; b++) {
                double pb = split.probability(b);
                if (pb < 1e-13) {
                    continue;
                }
                if (Double.isNaN(upper[b])) {
                    upper[b] = IntervalMethod.CLOPPER_PEARSON.interval(b, n, level).upper();
                }
                int c = d - b;
                if (Double.isNaN(lower[c])) {
                    lower[c] = IntervalMethod.CLOPPER_PEARSON.interval(c, n, level).lower();
                }
                if (Math.min(1.0, upper[b] - lower[c]) <= delta) {
                    pass += pd * pb;
                }
            }
        }
        return Math.min(1.0, pass);
    }
}
