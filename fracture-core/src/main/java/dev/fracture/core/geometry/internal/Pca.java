package dev.fracture.core.geometry.internal;

import java.util.SplittableRandom;

/**
 * A two-component principal component analysis by power iteration with deflation on the covariance
 * matrix.
 *
 * <p>Two components of a few-hundred-dimensional covariance are all the Manifold Flows plot needs, so
 * a full eigen-decomposition library is not worth a dependency. The start vector is drawn from a fixed
 * seed and each component's sign is fixed (its largest-magnitude entry is positive), so the projection
 * is reproducible.
 */
public final class Pca {
    private static final int MAX_ITERATIONS = 2_000;
    private static final int SETTLE_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-12;

    private final double[] mean;
    private final double[][] components;
    private final double[] variances;
    private final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    /** Fits the first two principal components of {@code points} (rows; at least one, dimension ≥ 2). */
    public static Pca fit(double[][] points) {
        if (points.length == 0 || points[0].length < 2) {
            throw new IllegalArgumentException("PCA needs at least one point of dimension >= 2");
        }
        int d = points[0].length;
        double[] mean = new double[d];
        for (double[] p : points) {
            for (int i = 0; i < d; i++) {
                mean[i] += p[i] / points.length;
            }
        }
        double[][] cov = covariance(points, mean);
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
        }
        double[][] comps = new double[2][];
        double[] vars = new double[2];
        for (int c = 0; c < 2; c++) {
            comps[c] = leadingEigenvector(cov, comps, c, trace);
            vars[c] = Math.max(0.0, Vectors.dot(comps[c], multiply(cov, comps[c])));
            deflate(cov, comps[c], vars[c]);
        }
        return new Pca(mean, comps, vars, trace);
    }

    /** The unit component {@code index} (0 or 1). */
    public double[] component(int index) {
        return components[index].clone();
    }

    /** Variance along each component divided by the total variance; 0 when all points coincide. */
    public double[] explainedVariance() {
        if (!(totalVariance > 0)) {
            return new double[] {0.0, 0.0};
        }
        return new double[] {variances[0] / totalVariance, variances[1] / totalVariance};
    }

    /** The centred point's coordinates on the two components. */
    public double[] project(double[] point) {
        double[] centred = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            centred[i] = point[i] - mean[i];
        }
        return new double[] {Vectors.dot(centred, components[0]), Vectors.dot(centred, components[1])};
    }

    private static double[][] covariance(double[][] points, double[] mean) {
        int d = mean.length;
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] p : points) {
            for (int i = 0; i < d; i++) {
                c[i] = p[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                if (ci == 0) {
                    continue;
                }
                double[] row = cov[i];
                for (int j = i; j < d; j++) {
                    row[j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= points.length;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    /**
     * Power iteration for the leading eigenvector of the (already deflated) covariance, kept orthogonal to
     * the components found so far. When the remaining variance is nil the start vector is kept: any unit
     * vector orthogonal to the earlier components is then a valid component.
     */
    private static double[] leadingEigenvector(double[][] cov, double[][] found, int count, double trace) {
        SplittableRandom random = new SplittableRandom(0x5EED + count);
        double[] v = new double[cov.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble() - 0.5;
        }
        orthonormalise(v, found, count);
        double lambda = Double.NaN;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] w = multiply(cov, v);
            orthonormalise(w, found, count);
            double wNorm = Vectors.norm(w);
            if (!(wNorm > TOLERANCE * Math.max(trace, Double.MIN_NORMAL))) {
                break;
            }
            double rayleigh = Vectors.dot(w, v) / Vectors.dot(v, v);
            for (int i = 0; i < w.length; i++) {
                w[i] /= wNorm;
            }
            double change = Vectors.distance(w, v);
            v = w;
            // Stop when the direction is fixed. With nearly equal leading eigenvalues the direction only
            // wanders slowly inside their span, where any vector shows the same variance: after a while,
            // also stop once the variance it captures no longer changes.
            boolean settled = it >= SETTLE_ITERATIONS && Math.abs(rayleigh - lambda) <= TOLERANCE * trace;
            if (change < 1e-10 || settled) {
                break;
            }
            lambda = rayleigh;
        }
        return fixSign(v);
    }

    private static void orthonormalise(double[] v, double[][] found, int count) {
        for (int k = 0; k < count; k++) {
            double proj = Vectors.dot(v, found[k]);
            for (int i = 0; i < v.length; i++) {
                v[i] -= proj * found[k][i];
            }
        }
    }

    private static double[] fixSign(double[] v) {
        double norm = Vectors.norm(v);
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest]) + 1e-12) {
                largest = i;
            }
        }
        double scale = (v[largest] < 0 ? -1.0 : 1.0) / norm;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = Vectors.dot(m[i], v);
        }
        return out;
    }

    private static void deflate(double[][] cov, double[] component, double eigenvalue) {
        for (int i = 0; i < cov.length; i++) {
            for (int j = 0; j < cov.length; j++) {
                cov[i][j] -= eigenvalue * component[i] * component[j];
            }
        }
    }
}
