package dev.fracture.reports.internal;

import dev.fracture.reports.summary.RunSummary;
import java.util.Arrays;
import java.util.List;

/** The Stackelberg Response Frontier's two summary numbers: dominance and median lift. */
public final class FrontierMath {
    private FrontierMath() {
    }

    /**
     * The frontier over {@code points}; dominance and median lift use the points of {@code cue} (all points
     * when none has that cue). Null when there are no points.
     */
    public static RunSummary.Frontier frontier(List<RunSummary.Point> points, String cue) {
        if (points.isEmpty()) {
            return null;
        }
        List<RunSummary.Point> own = points.stream().filter(p -> p.cue().equals(cue)).toList();
        List<RunSummary.Point> basis = own.isEmpty() ? points : own;
        double[] lifts = basis.stream().mapToDouble(p -> p.v() - p.u()).sorted().toArray();
        long dominant = Arrays.stream(lifts).filter(d -> d > 0).count();
        return new RunSummary.Frontier(own.isEmpty() ? "*" : cue, (double) dominant / lifts.length, median(lifts),
                points);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
