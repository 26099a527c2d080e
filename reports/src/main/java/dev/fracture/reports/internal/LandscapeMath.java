package dev.fracture.reports.internal;

import dev.fracture.core.internal.Numbers;
import dev.fracture.core.FractureResult;
import dev.fracture.core.gate.Gate;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.geometry.DecoderCap;
import dev.fracture.core.geometry.FlipLandscape;
import dev.fracture.core.geometry.PaperNumbers;
import dev.fracture.reports.summary.RunSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the Flip-Landscapes of a summary from its measurements: measurements that differ only in
 * temperature and top-p and together fill a full grid form one {@link FlipLandscape}, whose decoder cap
 * gives FRACTURE before and after caps.
 *
 * <p>The grouping is by value, not by measurement id: two measurements belong to one sweep when axis, pool,
 * gated cue, τ, decoder family, k, seed, model, judge and gate configuration are all equal. So a merged
 * summary rebuilds its landscapes from merged counts exactly as a single run builds them. A
 * {@code @DecoderSweep}'s grid points ({@link SweepIds}) are grouped with the method that ran them and apart
 * from any other method's sweep of the same pool; the method's own measurement joins its grid when its decoder
 * is a grid point (the sweep then reuses it instead of publishing that point again) and stays out otherwise.
 */
public final class LandscapeMath {
    /** The reason FRACTURE before/after caps are undefined for a measurement outside every sweep. */
    public static final String NO_SWEEP = "no sweep ran";

    /** A measurement's part of a sweep: FRACTURE before and after caps, or the reason they are undefined. */
    public record SweepFigures(RunSummary.Figure before, RunSummary.Figure after, String capSetting) {
    }

    /** The landscapes, and per measurement (same order as the input) its sweep figures. */
    public record Derived(List<RunSummary.Landscape> landscapes, List<SweepFigures> perMeasurement) {
    }

    private LandscapeMath() {
    }

    public static Derived derive(List<RunSummary.Measurement> measurements) {
        SweepFigures[] figures = new SweepFigures[measurements.size()];
        Set<String> sweepOwners = new HashSet<>();
        measurements.forEach(m -> SweepIds.owner(m.id()).ifPresent(sweepOwners::add));
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        Map<String, Integer> ownMeasurement = new HashMap<>();
        for (int i = 0; i < measurements.size(); i++) {
            RunSummary.Measurement m = measurements.get(i);
            if (!m.complete() || m.gated().isEmpty()) {
                figures[i] = undefined(m, "the gate never decided, so the measurement is part of no sweep");
                continue;
            }
            // A decoder sweep's grid points and the method that ran it form one sweep of their own, even when
            // another method sweeps the same pool with the same settings; other measurements group by value.
            String owner = SweepIds.owner(m.id()).orElse(sweepOwners.contains(m.id()) ? m.id() : "");
            String group = key(m) + "|" + owner;
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(i);
            if (!owner.isEmpty() && owner.equals(m.id())) {
                ownMeasurement.put(group, i);
            }
        }
        List<RunSummary.Landscape> landscapes = new ArrayList<>();
        groups.forEach((key, group) -> {
            if (group.size() == 1) {
                figures[group.get(0)] = undefined(measurements.get(group.get(0)), NO_SWEEP);
                return;
            }
            Integer own = ownMeasurement.get(key);
            Built built = build(measurements, group);
            if (built.landscape == null && own != null) {
                // The method's own decoder is off the grid: its measurement ran the sweep but is no grid point.
                Built gridOnly = build(measurements, group.stream().filter(i -> !i.equals(own)).toList());
                if (gridOnly.landscape != null) {
                    built = gridOnly;
                }
            }
            if (built.landscape == null) {
                for (int i : group) {
                    figures[i] = undefined(measurements.get(i), built.problem);
                }
                return;
            }
            GateConfig config = SummaryMapping.gateConfig(built.points.get(0).gated().orElseThrow().gate());
            DecoderCap cap = built.landscape.cap(config);
            landscapes.add(landscape(built.points, built.results, built.landscape, cap));
            SweepFigures sweep = new SweepFigures(Geometry.figure(PaperNumbers.fractureBeforeCaps(cap)),
                    Geometry.figure(PaperNumbers.fractureAfterCaps(cap)), cap.capSetting());
            group.forEach(i -> figures[i] = sweep);
        });
        return new Derived(landscapes, Arrays.asList(figures));
    }

    /** The landscape of some measurements, or why they do not form one. */
    private record Built(List<RunSummary.Measurement> points, List<FractureResult> results, FlipLandscape landscape,
                         String problem) {
    }

    private static Built build(List<RunSummary.Measurement> measurements, List<Integer> group) {
        List<RunSummary.Measurement> ms = group.stream().map(measurements::get).toList();
        List<FractureResult> results = ms.stream().map(m -> SummaryMapping.result(m, m.gated().orElseThrow()))
                .toList();
        String problem = duplicatePoint(ms);
        if (problem != null) {
            return new Built(ms, results, null, problem);
        }
        try {
            return new Built(ms, results, FlipLandscape.of(results), null);
        } catch (IllegalArgumentException e) {
            return new Built(ms, results, null, "the sweep is not a full temperature × top-p grid: " + e.getMessage());
        }
    }

    static String key(RunSummary.Measurement m) {
        RunSummary.CueResult gated = m.gated().orElseThrow();
        RunSummary.Decoder d = m.decoder();
        return String.join("|", m.axis(), m.pool(), gated.cue(), Double.toString(m.tau()), d.family(),
                Integer.toString(d.samples()), Long.toString(d.seed()), m.modelId(), m.judge().id(),
                SummaryMapping.gateConfig(gated.gate()).toString());
    }

    /** Two measurements at one grid point cannot both be the landscape's value there. */
    private static String duplicatePoint(List<RunSummary.Measurement> ms) {
        Map<List<Double>, RunSummary.Measurement> seen = new LinkedHashMap<>();
        for (RunSummary.Measurement m : ms) {
            RunSummary.Measurement before = seen.putIfAbsent(
                    List.of(m.decoder().temperature(), m.decoder().topP()), m);
            if (before != null) {
                return String.format(Locale.ROOT, "measurements '%s' and '%s' both ran at T=%s, top-p=%s with the"
                                + " same settings; give each grid point one measurement (or merge the shards first)",
                        before.id(), m.id(), Numbers.compact(m.decoder().temperature()), Numbers.compact(m.decoder().topP()));
            }
        }
        return null;
    }

    private static RunSummary.Landscape landscape(List<RunSummary.Measurement> ms, List<FractureResult> results,
                                                  FlipLandscape landscape, DecoderCap cap) {
        List<RunSummary.LandscapeCell> cells = new ArrayList<>();
        for (int i = 0; i < landscape.temperatures().size(); i++) {
            for (int j = 0; j < landscape.topPs().size(); j++) {
                FractureResult r = landscape.at(i, j);
                RunSummary.Measurement m = ms.get(results.indexOf(r));
                double t = landscape.temperatures().get(i);
                double p = landscape.topPs().get(j);
                boolean inside = !cap.isEmpty() && t <= cap.maxTemperature().getAsDouble()
                        && p <= cap.maxTopP().getAsDouble();
                cells.add(new RunSummary.LandscapeCell(t, p, SummaryMapping.rate(r.fracture()), m.id(),
                        Gate.evaluate(r, cap.config()).outcome().name(), cap.admissible(i, j), inside));
            }
        }
        RunSummary.Measurement first = ms.get(0);
        GateConfig c = cap.config();
        RunSummary.Cap summaryCap = new RunSummary.Cap(cap.capSetting(),
                cap.isEmpty() ? null : cap.maxTemperature().getAsDouble(),
                cap.isEmpty() ? null : cap.maxTopP().getAsDouble(), cap.pointsInside(), cap.pointsAdmissible(),
                landscape.size(), c.budget(), first.gated().orElseThrow().gate().policy(), c.confidence(),
                SummaryMapping.methodKey(c.method()));
        return new RunSummary.Landscape(first.axis(), first.pool(), first.gated().orElseThrow().cue(), first.tau(),
                cells, first.decoder().samples(), first.decoder().seed(), first.modelId(), first.judge().id(),
                summaryCap, Geometry.figure(PaperNumbers.fractureBeforeCaps(cap)),
                Geometry.figure(PaperNumbers.fractureAfterCaps(cap)));
    }

    private static SweepFigures undefined(RunSummary.Measurement m, String reason) {
        double level = Geometry.options(m).confidence();
        return new SweepFigures(Geometry.undefined("fractureBeforeCaps", level, 0, reason),
                Geometry.undefined("fractureAfterCaps", level, 0, reason), null);
    }
}
