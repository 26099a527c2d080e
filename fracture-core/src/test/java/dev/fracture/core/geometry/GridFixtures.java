package dev.fracture.core.geometry;

import dev.fracture.core.Axis;
import dev.fracture.core.CellCounts;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FractureResult;
import dev.fracture.core.Tau;
import dev.fracture.core.stats.IntervalMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built Flip-Landscape grids. */
final class GridFixtures {
    static final int N = 200;

    private GridFixtures() {
    }

    /** A result at (T, p) with {@code flips} train→deploy flips out of {@value #N} prompts. */
    static FractureResult point(double t, double p, int flips) {
        return point(t, p, flips, Axis.SAFETY);
    }

    static FractureResult point(double t, double p, int flips, Axis axis) {
        CellCounts cells = new CellCounts(N - flips, flips, 0, 0);
        return new FractureResult("pools/safety.jsonl", axis, DecoderConfig.sampling(t, p, 4, 7L), Tau.of(0.5),
                "default", 0.95, IntervalMethod.WILSON, cells, 0, Optional.empty(), List.of(), List.of("judge"));
    }

    /** A grid from a table of flip counts: rows are temperatures, columns top-p values. */
    static List<FractureResult> grid(double[] temperatures, double[] topPs, int[][] flips) {
        List<FractureResult> results = new ArrayList<>();
        for (int i = 0; i < temperatures.length; i++) {
            for (int j = 0; j < topPs.length; j++) {
                results.add(point(temperatures[i], topPs[j], flips[i][j]));
            }
        }
        return results;
    }
}
