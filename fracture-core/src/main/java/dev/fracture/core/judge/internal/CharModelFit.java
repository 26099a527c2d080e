package dev.fracture.core.judge.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits {@link CharModel}'s blocks and stack for {@link EmbeddedJudgeTrainer}: deterministic (full-batch Adam from zero,
 * vocabularies ordered by count then key), classes weighted equally, L2 penalty {@value #LAMBDA} on the gram weights
 * (the bias is not penalised). A gram gets a weight when it occurs in at least {@link CharModel.Part#minRows} training
 * rows and is among its block's {@value #MAX_GRAMS} most frequent.
 */
final class CharModelFit {

    /** Grams kept per block, the most frequent first. */
    static final int MAX_GRAMS = 20_000;
    static final double LAMBDA = 0.25;
    static final int STEPS = 1500;
    static final double LEARNING_RATE = 0.05;

    private CharModelFit() {
    }

    /** The grams of one training row: each part's keys ({@link CharModel.Part} order), each sorted, with repeats. */
    record Grams(long[][] keys) {
        static Grams of(String prompt, String answer) {
            long[][] keys = CharModel.keys(prompt, answer);
            for (long[] k : keys) {
                Arrays.sort(k);
            }
            return new Grams(keys);
        }
    }

    /** Fits the character model of one axis (its stack left at a0 = 0, a1 = 0, a2 = 1: the character model alone). */
    static CharModel.AxisModel fit(List<Grams> rows, boolean[] y) {
        CharModel.Part[] parts = CharModel.Part.values();
        List<CharModel.Block> vocab = new ArrayList<>();
        int[] offset = new int[parts.length + 1];
        offset[0] = 1;
        for (CharModel.Part part : parts) {
            CharModel.Block b = vocabulary(rows.stream().map(g -> g.keys()[part.ordinal()]).toList(), part.minRows);
            vocab.add(b);
            offset[part.ordinal() + 1] = offset[part.ordinal()] + b.keys().length;
        }
        int dim = offset[parts.length];
        int n = rows.size();
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        for (int i = 0; i < n; i++) {
            int[] ix = new int[0];
            double[] vx = new double[0];
            for (CharModel.Part part : parts) {
                Sparse v = vector(vocab.get(part.ordinal()), rows.get(i).keys()[part.ordinal()], offset[part.ordinal()]);
                ix = concat(ix, v.idx);
                vx = concat(vx, v.val);
            }
            idx[i] = ix;
            val[i] = vx;
        }
        double[] beta = adam(idx, val, y, dim, LAMBDA, STEPS, LEARNING_RATE);
        List<CharModel.Block> blocks = new ArrayList<>();
        for (CharModel.Part part : parts) {
            CharModel.Block b = vocab.get(part.ordinal());
            float[] w = new float[b.keys().length];
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) round(beta[offset[part.ordinal()] + k]);
            }
            blocks.add(new CharModel.Block(b.keys(), b.idf(), w));
        }
        return new CharModel.AxisModel(round(beta[0]), blocks, 0, 0, 1);
    }

    /**
     * The stack: logistic weights (a0, a1, a2) of the final log-odds {@code a0 + a1·zFeatures + a2·zChars}, fitted on
     * out-of-fold log-odds of both models, classes weighted equally, a small L2 penalty on a1 and a2.
     */
    static double[] stack(double[] zFeatures, double[] zChars, boolean[] y) {
        int n = y.length;
        int[][] idx = new int[n][];
        double[][] val = new double[n][];
        for (int i = 0; i < n; i++) {
            idx[i] = new int[] {1, 2};
            val[i] = new double[] {zFeatures[i], zChars[i]};
        }
        double[] beta = adam(idx, val, y, 3, 0.01, 3000, 0.02);
        return new double[] {round(beta[0]), round(beta[1]), round(beta[2])};
    }

    /** The block's vocabulary: grams in at least {@code minRows} rows, the {@value #MAX_GRAMS} most frequent. */
    private static CharModel.Block vocabulary(List<long[]> rows, int minRows) {
        Map<Long, int[]> counts = new HashMap<>(); // key -> {rows containing it, total occurrences}
        for (long[] keys : rows) {
            int i = 0;
            while (i < keys.length) {
                int j = i + 1;
                while (j < keys.length && keys[j] == keys[i]) {
                    j++;
                }
                int[] c = counts.computeIfAbsent(keys[i], k -> new int[2]);
                c[0]++;
                c[1] += j - i;
                i = j;
            }
        }
        List<Map.Entry<Long, int[]>> kept = new ArrayList<>();
        for (Map.Entry<Long, int[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minRows) {
                kept.add(e);
            }
        }
        kept.sort((a, b) -> a.getValue()[1] != b.getValue()[1] ? Integer.compare(b.getValue()[1], a.getValue()[1])
                : Long.compare(a.getKey(), b.getKey()));
        List<Map.Entry<Long, int[]>> top = kept.subList(0, Math.min(MAX_GRAMS, kept.size()));
        top.sort(Map.Entry.comparingByKey());
        long[] keys = new long[top.size()];
        float[] idf = new float[top.size()];
        int n = rows.size();
        for (int k = 0; k < keys.length; k++) {
            keys[k] = top.get(k).getKey();
            // The smoothed idf, rounded as the weights file writes it so the fitted and the written model agree.
            idf[k] = (float) round(Math.log((1.0 + n) / (1.0 + top.get(k).getValue()[0])) + 1);
        }
        return new CharModel.Block(keys, idf, new float[keys.length]);
    }

    private record Sparse(int[] idx, double[] val) {
    }

    /** The unit-length TF-IDF vector of sorted keys over a block's vocabulary, indices shifted by {@code offset}. */
    private static Sparse vector(CharModel.Block block, long[] keys, int offset) {
        int[] idx = new int[keys.length];
        double[] val = new double[keys.length];
        int m = 0;
        double norm = 0;
        int i = 0;
        while (i < keys.length) {
            int j = i + 1;
            while (j < keys.length && keys[j] == keys[i]) {
                j++;
            }
            int k = block.index(keys[i]);
            if (k >= 0) {
                double v = CharModel.logTf(j - i) * block.idf()[k];
                idx[m] = offset + k;
                val[m++] = v;
                norm += v * v;
            }
            i = j;
        }
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int k = 0; k < m; k++) {
            val[k] *= scale;
        }
        return new Sparse(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Weighted L2 logistic regression by full-batch Adam from zero; index 0 is the unpenalised bias. */
    private static double[] adam(int[][] idx, double[][] val, boolean[] y, int dim, double lambda, int steps, double lr) {
        int n = y.length;
        double[] classWeight = EmbeddedJudgeTrainer.classWeights(y);
        double wPos = classWeight[0];
        double wNeg = classWeight[1];
        double[] beta = new double[dim];
        double[] m1 = new double[dim];
        double[] m2 = new double[dim];
        double[] g = new double[dim];
        for (int step = 1; step <= steps; step++) {
            Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                double z = beta[0];
                int[] ix = idx[i];
                double[] vx = val[i];
                for (int k = 0; k < ix.length; k++) {
                    z += beta[ix[k]] * vx[k];
                }
                double r = (y[i] ? wPos : wNeg) * (EmbeddedJudgeTrainer.sigmoid(z) - (y[i] ? 1 : 0)) / n;
                g[0] += r;
                for (int k = 0; k < ix.length; k++) {
                    g[ix[k]] += r * vx[k];
                }
            }
            for (int a = 1; a < dim; a++) {
                g[a] += lambda * beta[a] / n;
            }
            EmbeddedJudgeTrainer.adamStep(beta, g, m1, m2, step, lr);
        }
        return beta;
    }

    private static double round(double v) {
        return EmbeddedJudgeTrainer.round(v);
    }
}
