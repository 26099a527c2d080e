package dev.fracture.core.internal;

import org.apiguardian.api.API;

/** Argument checks whose messages name the parameter, the value and the allowed range. */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class Check {
    private Check() {
    }

    /** Requires {@code 0 < value < 1}. */
    public static double openUnit(String name, double value) {
        if (!(value > 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the allowed range (0, 1)");
        }
        return value;
    }

    /** Requires {@code 0 <= value <= 1}. */
    public static double closedUnit(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the allowed range [0, 1]");
        }
        return value;
    }

    /** Requires {@code 0 < value <= 1}. */
    public static double leftOpenUnit(String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the allowed range (0, 1]");
        }
        return value;
    }

    /** Requires {@code value >= 0} (and not NaN). */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the allowed range [0, +inf)");
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + " is outside the allowed range [" + min + ", +inf)");
        }
        return value;
    }
}
