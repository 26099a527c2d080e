package dev.fracture.reports.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.Nf", x)} without a {@code Formatter}, which parses its pattern on every
 * call: pages written once per prompt format several numbers each. The formatter rounds the shortest decimal
 * form of x half up, and so does this.
 */
final class Decimals {
    private Decimals() {
    }

    static String fixed(double x, int places) {
        if (!Double.isFinite(x) || Double.doubleToRawLongBits(x) == Long.MIN_VALUE) { // NaN, ±∞, -0.0: rare
            return String.format(Locale.ROOT, "%." + places + "f", x);
        }
        return new BigDecimal(Double.toString(x)).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
