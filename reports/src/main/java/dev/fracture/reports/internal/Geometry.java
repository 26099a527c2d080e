package dev.fracture.reports.internal;

import dev.fracture.core.geometry.Figure;
import dev.fracture.core.geometry.GeometryOptions;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.reports.summary.RunSummary;

/** Shared settings of the geometry sections of a summary. */
public final class Geometry {
    private Geometry() {
    }

    /**
     * The geometry options of a measurement: the confidence level and interval method of its gate (so every
     * interval of a measurement has one level), the default bootstrap B and seed. Defaults without a gate.
     */
    public static GeometryOptions options(RunSummary.Measurement m) {
        return m.gated().map(r -> options(r.gate())).orElse(GeometryOptions.defaults());
    }

    public static GeometryOptions options(RunSummary.Gate gate) {
        return new GeometryOptions(gate.confidence(), IntervalMethod.parse(gate.method()),
                GeometryOptions.DEFAULT_RESAMPLES, GeometryOptions.DEFAULT_SEED);
    }

    /** The core figure as the summary stores it. */
    static RunSummary.Figure figure(Figure f) {
        return new RunSummary.Figure(f.name(), f.estimate(), f.lower(), f.upper(), f.level(), f.method(), f.n(),
                f.note());
    }

    static RunSummary.Figure undefined(String name, double level, int n, String reason) {
        return figure(Figure.undefined(name, level, n, reason));
    }
}
