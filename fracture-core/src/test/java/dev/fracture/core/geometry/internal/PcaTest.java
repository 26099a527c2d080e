package dev.fracture.core.geometry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {

    @Test
    void crossOfPointsGivesTheAxesAndTheirVariances() {
        // (±3, 0, 0) and (0, ±1, 0): population variances 18/4 = 4.5 along x and 2/4 = 0.5 along y.
        Pca pca = Pca.fit(new double[][] {{3, 0, 0}, {-3, 0, 0}, {0, 1, 0}, {0, -1, 0}});

        assertThat(pca.component(0)).containsExactly(new double[] {1, 0, 0}, within(1e-9));
        assertThat(pca.component(1)).containsExactly(new double[] {0, 1, 0}, within(1e-9));
        assertThat(pca.explainedVariance()).containsExactly(new double[] {0.9, 0.1}, within(1e-9));
        assertThat(pca.project(new double[] {2, -0.5, 7})).containsExactly(new double[] {2, -0.5}, within(1e-9));
    }

    @Test
    void pointsOnALineRecoverTheLineDirection() {
        double[] direction = {1.0 / 3, 2.0 / 3, 2.0 / 3};
        double[] offset = {0.5, -1, 4};
        double[] ts = {-2, -0.5, 0, 1, 3.5};
        double[][] points = new double[ts.length][3];
        for (int k = 0; k < ts.length; k++) {
            for (int i = 0; i < 3; i++) {
                points[k][i] = offset[i] + ts[k] * direction[i];
            }
        }
        Pca pca = Pca.fit(points);

        // Sign convention: the largest entry (2/3, first of the tie) is positive, so the sign is +.
        assertThat(pca.component(0)).containsExactly(direction, within(1e-9));
        assertThat(pca.explainedVariance()[0]).isCloseTo(1.0, within(1e-12));
        assertThat(Vectors.dot(pca.component(0), pca.component(1))).isCloseTo(0.0, within(1e-9));
        double meanT = (-2 - 0.5 + 0 + 1 + 3.5) / 5;
        for (int k = 0; k < ts.length; k++) {
            double[] xy = pca.project(points[k]);
            assertThat(xy[0]).isCloseTo(ts[k] - meanT, within(1e-9));
            assertThat(xy[1]).isCloseTo(0.0, within(1e-9));
        }
    }

    @Test
    void highDimensionalPlantedPlaneIsFoundAmongNoise() {
        // 384-d points: strong spread along e7 (sd 3), weaker along e100 (sd 1.5), small noise elsewhere.
        SplittableRandom random = new SplittableRandom(1);
        double[][] points = new double[300][384];
        for (double[] p : points) {
            for (int i = 0; i < p.length; i++) {
                p[i] = 0.05 * gaussian(random);
            }
            p[7] += 3 * gaussian(random);
            p[100] += 1.5 * gaussian(random);
        }
        Pca pca = Pca.fit(points);

        // Near the planted axes (sample noise tilts them slightly)...
        assertThat(Math.abs(pca.component(0)[7])).isGreaterThan(0.99);
        assertThat(Math.abs(pca.component(1)[100])).isGreaterThan(0.99);
        // ...and exact eigenvectors of the sample covariance, computed here independently.
        double[][] cov = covariance(points);
        double trace = 0;
        for (int i = 0; i < cov.length; i++) {
            trace += cov[i][i];
        }
        for (int c = 0; c < 2; c++) {
            double[] v = pca.component(c);
            double lambda = pca.explainedVariance()[c] * trace;
            for (int i = 0; i < v.length; i++) {
                assertThat(Vectors.dot(cov[i], v)).isCloseTo(lambda * v[i], within(1e-6));
            }
        }
        assertThat(pca.explainedVariance()[0]).isGreaterThan(pca.explainedVariance()[1]);
    }

    private static double[][] covariance(double[][] points) {
        int d = points[0].length;
        double[] mean = new double[d];
        for (double[] p : points) {
            for (int i = 0; i < d; i++) {
                mean[i] += p[i] / points.length;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] p : points) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] += (p[i] - mean[i]) * (p[j] - mean[j]) / points.length;
                }
            }
        }
        return cov;
    }

    @Test
    void identicalPointsProjectToTheOrigin() {
        Pca pca = Pca.fit(new double[][] {{1, 2}, {1, 2}});
        assertThat(pca.explainedVariance()).containsExactly(0.0, 0.0);
        assertThat(pca.project(new double[] {1, 2})).containsExactly(new double[] {0, 0}, within(1e-12));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; enough for a test fixture.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
