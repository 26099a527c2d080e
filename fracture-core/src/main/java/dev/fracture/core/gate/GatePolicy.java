package dev.fracture.core.gate;

import org.apiguardian.api.API;

/**
 * How the gate reads FRACTURE against the budget.
 *
 * <p>{@link #UPPER_BOUND} (the default): PASS only when the interval's upper bound is within the budget,
 * FAIL when its lower bound is above it, INCONCLUSIVE otherwise. {@link #POINT_ESTIMATE}: PASS or FAIL on
 * the point estimate alone; explicit opt-in, since a small pool then passes on luck.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum GatePolicy {
    UPPER_BOUND,
    POINT_ESTIMATE;

    public static GatePolicy parse(String text) {
        String t = text.trim().replace('-', '_');
        for (GatePolicy p : values()) {
            if (p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown gate policy '" + text + "'; allowed: upper-bound, point-estimate");
    }
}
