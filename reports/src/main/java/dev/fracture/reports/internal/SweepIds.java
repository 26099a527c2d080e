package dev.fracture.reports.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the id a decoder sweep gives its grid points: {@code <method id>/[decoder-sweep:T=1,top-p=0.95]} (see
 * the Decoder sweeps section of the fracture-junit README). A grid point is informational (its reading never
 * fails the build); its method id names the sweep it belongs to.
 *
 * <p>Recognised by the documented suffix rather than by a flag on the shared {@code RunInfo}, so summaries
 * written before the flag existed are read the same way.
 */
public final class SweepIds {
    private static final Pattern GRID_POINT = Pattern.compile("^(.+)/\\[decoder-sweep:[^\\]/]*]$");

    private SweepIds() {
    }

    /** True for the id of a decoder-sweep grid point. */
    public static boolean isGridPoint(String id) {
        return id != null && GRID_POINT.matcher(id).matches();
    }

    /** The id of the measurement (the test method) whose sweep the grid point {@code id} belongs to. */
    public static Optional<String> owner(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher m = GRID_POINT.matcher(id);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The method id of a grid point, or {@code id} itself when it is not one. */
    public static String method(String id) {
        return owner(id).orElse(id);
    }
}
