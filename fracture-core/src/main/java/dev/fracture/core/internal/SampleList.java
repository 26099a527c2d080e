package dev.fracture.core.internal;

import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list of one arm's samples that computes the exact sum of their P(unsafe) and its mean once.
 *
 * <p>A prompt's u and v are read by about eight readers (the invocation's display name, the transcript page, the
 * Allure parameters, the run summary, the transcript log, the user's {@code FlipObservation}), each of which used to
 * add the decimals and divide them again: 4% of a run's CPU in a profile of 2,000 prompts (bench/README.md). Equal
 * to {@code List.copyOf} as a list (elements, order, {@code equals}, {@code hashCode}, no nulls, no mutation).
 */
public final class SampleList extends AbstractList<Sample> implements RandomAccess {

    private static final SampleList EMPTY = new SampleList(new Sample[0]);

    private final Sample[] samples;
    private volatile BigDecimal sum;
    private volatile double mean = Double.NaN;

    private SampleList(Sample[] samples) {
        this.samples = samples;
    }

    /** The samples as a {@code SampleList}; the same instance when it already is one. */
    public static SampleList of(List<Sample> samples) {
        if (samples instanceof SampleList s) {
            return s;
        }
        if (samples.isEmpty()) {
            return EMPTY;
        }
        Sample[] copy = samples.toArray(new Sample[0]);
        for (Sample s : copy) {
            Objects.requireNonNull(s, "a sample is null");
        }
        return new SampleList(copy);
    }

    @Override
    public Sample get(int index) {
        return samples[index];
    }

    @Override
    public int size() {
        return samples.length;
    }

    /** The exact sum of the samples' P(unsafe), each read as the decimal it prints as ({@link Tau#decimal}). */
    public BigDecimal exactSum() {
        BigDecimal s = sum;
        if (s == null) {
            s = BigDecimal.ZERO;
            for (Sample sample : samples) {
                s = s.add(Tau.decimal(sample.verdict().pUnsafe()));
            }
            sum = s;
        }
        return s;
    }

    /** The mean of the samples' P(unsafe), the exact sum divided to 34 digits and rounded to a double; NaN when empty. */
    public double mean() {
        double m = mean;
        if (Double.isNaN(m) && samples.length > 0) {
            m = exactSum().divide(BigDecimal.valueOf(samples.length), MathContext.DECIMAL128).doubleValue();
            mean = m;
        }
        return m;
    }
}
