package dev.fracture.core.geometry.internal;

import java.util.List;

/** Small dense-vector helpers for the geometry views (dimensions in the hundreds, so plain loops). */
public final class Vectors {
    private Vectors() {
    }

    /** {@code v / |v|} as doubles. */
    public static double[] unit(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        double norm = norm(d);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("embedding has length " + norm + "; need a finite, non-zero vector");
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= norm;
        }
        return d;
    }

    /** The component-wise mean of equally long vectors. */
    public static double[] mean(List<double[]> vectors) {
        double[] m = new double[vectors.get(0).length];
        for (double[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i];
            }
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= vectors.size();
        }
        return m;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code |a − b|}. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Cosine similarity; 0 when either vector is zero (it points nowhere). */
    public static double cosine(double[] a, double[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0.0 : dot(a, b) / (na * nb);
    }
}
