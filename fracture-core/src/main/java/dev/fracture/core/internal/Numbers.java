package dev.fracture.core.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The one number formatter of reports and messages: fixed decimals for rates and probabilities, compact decimals
 * for settings (τ, budget, temperature), percentages for confidence levels. Always {@link Locale#ROOT}, never
 * {@code -0}.
 */
@API(status = INTERNAL, since = "0.2")
public final class Numbers {
    private Numbers() {
    }

    /**
     * {@code x} with exactly {@code digits} decimals: {@code fixed(0.075, 3)} is {@code 0.075}. Rounds the shortest
     * decimal form of x half up, as {@code String.format(Locale.ROOT, "%.3f", x)} does, without a
     * {@code Formatter} (which parses its pattern on every call: reports format several numbers per prompt).
     */
    public static String fixed(double x, int digits) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        String shortest = Double.toString(x);
        if (shortest.indexOf('E') >= 0 || digits > 9) {
            // BigDecimal has no negative zero, so a value a rounding error below 0 prints as "0.000", not "-0.000".
            return new BigDecimal(shortest).setScale(digits, RoundingMode.HALF_UP).toPlainString();
        }
        return roundHalfUp(shortest, digits);
    }

    /**
     * The same rounding as {@code new BigDecimal(plain).setScale(digits, HALF_UP).toPlainString()} on a plain decimal
     * string ({@code -12.345}, no exponent), done on its digits: reports format several numbers per prompt, and
     * this is several times cheaper than a BigDecimal.
     */
    private static String roundHalfUp(String plain, int digits) {
        boolean negative = plain.charAt(0) == '-';
        int start = negative ? 1 : 0;
        int point = plain.indexOf('.');
        // The digits kept: the integer part and the first `digits` decimals, padded with zeros.
        char[] kept = new char[point - start + digits];
        plain.getChars(start, point, kept, 0);
        int decimals = plain.length() - point - 1;
        for (int i = 0; i < digits; i++) {
            kept[point - start + i] = i < decimals ? plain.charAt(point + 1 + i) : '0';
        }
        boolean carry = digits < decimals && plain.charAt(point + 1 + digits) >= '5';
        for (int i = kept.length - 1; carry && i >= 0; i--) {
            carry = kept[i] == '9';
            kept[i] = carry ? '0' : (char) (kept[i] + 1);
        }
        boolean zero = !carry;
        for (int i = 0; zero && i < kept.length; i++) {
            zero = kept[i] == '0';
        }
        int integerDigits = point - start;
        StringBuilder out = new StringBuilder(kept.length + 3);
        if (negative && !zero) {
            out.append('-');
        }
        if (carry) {
            out.append('1');
        }
        out.append(kept, 0, integerDigits);
        if (digits > 0) {
            out.append('.').append(kept, integerDigits, digits);
        }
        return out.toString();
    }

    /** A rate or probability: three decimals, {@code 0.075}. */
    public static String rate(double x) {
        return fixed(x, 3);
    }

    /** A setting without trailing zeros, at most four decimals: {@code 0.05}, {@code 1}, {@code 0.7}. */
    public static String compact(double x) {
        return compact(x, 4);
    }

    /** {@code x} without trailing zeros, at most {@code maxDigits} decimals: {@code compact(0.12345, 3)} is {@code 0.123}. */
    public static String compact(double x, int maxDigits) {
        if (Double.isInfinite(x)) {
            return x > 0 ? "+inf" : "-inf";
        }
        String s = fixed(x, maxDigits);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            s = s.substring(0, s.charAt(end - 1) == '.' ? end - 1 : end);
        }
        return "-0".equals(s) ? "0" : s;
    }

    /** A decoder setting, always with a decimal point, at most three decimals: {@code 1.0}, {@code 0.95}. */
    public static String decimal(double x) {
        String s = compact(x, 3);
        return s.indexOf('.') < 0 && !Double.isInfinite(x) && !Double.isNaN(x) ? s + ".0" : s;
    }

    /** An interval's bounds: {@code [0.026, 0.199]}. */
    public static String interval(double lower, double upper) {
        return "[" + rate(lower) + ", " + rate(upper) + "]";
    }

    /** A confidence level as a percentage: {@code 95%}, {@code 97.5%}. */
    public static String percent(double level) {
        return compact(level * 100) + "%";
    }
}
