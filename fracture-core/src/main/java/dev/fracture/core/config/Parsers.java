package dev.fracture.core.config;

import dev.fracture.core.internal.Numbers;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Typed parsers whose errors say what was expected; the rules of every key live here and in {@link FractureKeys}. */
final class Parsers {
    private Parsers() {
    }

    static Function<String, String> text() {
        return t -> t;
    }

    static Function<String, Integer> integer(int min) {
        return t -> {
            int value;
            try {
                value = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number; expected an integer of at least " + min);
            }
            if (value < min) {
                throw new IllegalArgumentException(value + " is outside the allowed range [" + min + ", +inf)");
            }
            return value;
        };
    }

    static Function<String, Integer> integer(int min, int max, String why) {
        Function<String, Integer> atLeast = integer(min);
        return t -> {
            int value = atLeast.apply(t);
            if (value > max) {
                throw new IllegalArgumentException(value + " is outside the allowed range [" + min + ", " + max + "]; "
                        + why);
            }
            return value;
        };
    }

    static Function<String, Long> longInteger(long min) {
        return t -> {
            long value;
            try {
                value = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number; expected an integer of at least " + min);
            }
            if (value < min) {
                throw new IllegalArgumentException(value + " is outside the allowed range [" + min + ", +inf)");
            }
            return value;
        };
    }

    static double number(String t) {
        try {
            double value = Double.parseDouble(t);
            if (Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }

    /** {@code (0, 1)}. */
    static Function<String, Double> openUnit() {
        return t -> range(number(t), 0, false, 1, false);
    }

    /** {@code [0, 1]}. */
    static Function<String, Double> closedUnit() {
        return t -> range(number(t), 0, true, 1, true);
    }

    /** {@code (0, 1]}. */
    static Function<String, Double> leftOpenUnit() {
        return t -> range(number(t), 0, false, 1, true);
    }

    /** {@code [0, +inf)}. */
    static Function<String, Double> nonNegative() {
        return t -> range(number(t), 0, true, Double.POSITIVE_INFINITY, false);
    }

    private static double range(double value, double low, boolean lowIn, double high, boolean highIn) {
        boolean ok = (lowIn ? value >= low : value > low) && (highIn ? value <= high : value < high);
        if (!ok) {
            throw new IllegalArgumentException(value + " is outside the allowed range " + (lowIn ? "[" : "(")
                    + Numbers.compact(low) + ", " + Numbers.compact(high) + (highIn ? "]" : ")"));
        }
        return value;
    }


    static Function<String, Boolean> bool() {
        return t -> switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** One of the given lower-case words, returned lower-cased. */
    static Function<String, String> oneOf(String... allowed) {
        return t -> {
            String lower = t.toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(lower)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("allowed: " + Arrays.stream(allowed).collect(Collectors.joining(", ")));
        };
    }
}
