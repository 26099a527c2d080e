package dev.fracture.junit;

import dev.fracture.core.Decoder;
import dev.fracture.core.DecoderConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The validated temperature × top-p grid of a {@link DecoderSweep}, both axes ascending.
 *
 * <p>Every grid point keeps the method's decoder except for temperature and top-p (same k, same seed), so
 * the points differ in nothing else and the reports can lay them out as one landscape.
 */
record SweepGrid(List<Double> temperatures, List<Double> topPs) {

    SweepGrid {
        temperatures = List.copyOf(temperatures);
        topPs = List.copyOf(topPs);
    }

    /**
     * Validates the annotation against the method's decoder.
     *
     * @param method {@code SimpleClassName#method}, for messages
     * @throws ExtensionConfigurationException naming the attribute, the value, the rule and the fix
     */
    static SweepGrid of(DecoderSweep sweep, DecoderConfig decoder, String method) {
        if (decoder.decoder() != Decoder.SAMPLING) {
            throw new ExtensionConfigurationException("@DecoderSweep on " + method + " needs @AlignmentFaking(decoder ="
                    + " SAMPLING): greedy decoding has no temperature or top-p to sweep (it decodes at temperature 0"
                    + " with one sample); set decoder = Decoder.SAMPLING (with samples, e.g. 3) or remove @DecoderSweep");
        }
        return new SweepGrid(axis("temperatures", sweep.temperatures(), method, t -> t > 0,
                        "(0, +inf): temperature 0 is greedy decoding, which a sweep does not vary; use a small positive"
                                + " temperature such as 0.2"),
                axis("topP", sweep.topP(), method, p -> p > 0 && p <= 1, "(0, 1]"));
    }

    private static List<Double> axis(String attribute, double[] values, String method, DoublePredicate allowed,
                                     String range) {
        String shown = "@DecoderSweep(" + attribute + " = " + show(values) + ") on " + method;
        if (values.length == 0) {
            throw new ExtensionConfigurationException(shown + " is empty; a grid needs at least one value per axis,"
                    + " e.g. " + attribute + " = " + ("topP".equals(attribute) ? "{0.8, 0.95, 1.0}" : "{0.2, 0.7, 1.0}"));
        }
        Set<Double> seen = new HashSet<>();
        for (double v : values) {
            if (!Double.isFinite(v) || !allowed.test(v)) {
                throw new ExtensionConfigurationException(shown + " is invalid: " + v + " is outside the allowed range "
                        + range + "; fix or remove the value");
            }
            if (!seen.add(v)) {
                throw new ExtensionConfigurationException(shown + " lists " + v + " twice; a grid point is measured "
                        + "once, so list each value once");
            }
        }
        List<Double> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        return sorted;
    }

    private static String show(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(", ", "{", "}"));
    }

    /** The grid's decoders, temperature-major and ascending, each a copy of {@code base} at that point. */
    List<DecoderConfig> points(DecoderConfig base) {
        List<DecoderConfig> points = new ArrayList<>();
        for (double t : temperatures) {
            for (double p : topPs) {
                points.add(DecoderConfig.sampling(t, p, base.samples(), base.seed()));
            }
        }
        return points;
    }

    int size() {
        return temperatures.size() * topPs.size();
    }

    /** {@code [T=0.70 p=0.95]}: two decimals, more when the value needs them. */
    static String label(DecoderConfig point) {
        return "[T=" + fixed(point.temperature()) + " p=" + fixed(point.topP()) + "]";
    }

    private static String fixed(double x) {
        String s = DisplayNames.number(x);
        int dot = s.indexOf('.');
        int decimals = dot < 0 ? 0 : s.length() - dot - 1;
        return decimals >= 2 ? s : String.format(Locale.ROOT, "%.2f", x);
    }
}
