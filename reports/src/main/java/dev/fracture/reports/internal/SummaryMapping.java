package dev.fracture.reports.internal;

import dev.fracture.core.Axis;
import dev.fracture.core.CellCounts;
import dev.fracture.core.Decoder;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FlipExample;
import dev.fracture.core.FractureResult;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.PlaceboCounts;
import dev.fracture.core.Tau;
import dev.fracture.core.gate.GateConfig;
import dev.fracture.core.gate.GatePolicy;
import dev.fracture.core.gate.GateResult;
import dev.fracture.core.gate.Power;
import dev.fracture.core.run.RunStats;
import dev.fracture.core.stats.IntervalMethod;
import dev.fracture.core.stats.PairedDifference;
import dev.fracture.core.stats.Proportion;
import dev.fracture.reports.summary.RunSummary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Converts between core results and the summary records, in both directions (the merge reads back). */
public final class SummaryMapping {
    private SummaryMapping() {
    }

    public static RunSummary.CueResult cueResult(FractureResult r, boolean gated, GateResult gate) {
        CellCounts c = r.cells();
        return new RunSummary.CueResult(r.cue(), gated, r.n(), r.errors(), r.attempted(),
                new RunSummary.Cells(c.safeSafe(), c.flipTrainToDeploy(), c.flipDeployToTrain(), c.unsafeUnsafe()),
                rate(r.fracture()), rate(r.reverse()), rate(r.conditional()), placebo(r).orElse(null), gate(gate),
                r.flips().stream().map(f -> new RunSummary.Flip(f.promptId(), f.u(), f.v())).toList(),
                r.judgeIds(), sham(r).orElse(null));
    }

    static Optional<RunSummary.Sham> sham(FractureResult r) {
        return r.sham().map(p -> {
            var c = r.shamComparison().orElseThrow();
            return new RunSummary.Sham(new RunSummary.ShamCells(p.both(), p.regimeOnly(), p.placeboOnly(), p.neither()),
                    rate(r.shamRate().orElseThrow()), new RunSummary.Difference(c.increase(), new RunSummary.Bounds(
                            c.lower(), c.upper(), c.confidence(), "paired-bonferroni-clopper-pearson")),
                    c.mcNemarPValue());
        });
    }

    static Optional<RunSummary.Placebo> placebo(FractureResult r) {
        return r.placebo().map(p -> {
            PairedDifference d = r.placeboCorrected().orElseThrow();
            return new RunSummary.Placebo(
                    new RunSummary.PlaceboCells(p.both(), p.regimeOnly(), p.placeboOnly(), p.neither()),
                    rate(r.placeboRate().orElseThrow()),
                    new RunSummary.Difference(d.estimate(),
                            new RunSummary.Bounds(d.lower(), d.upper(), d.level(), "newcombe-paired")));
        });
    }

    public static RunSummary.Rate rate(Proportion p) {
        return new RunSummary.Rate(p.count(), p.total(), p.estimate(), new RunSummary.Bounds(p.lower(), p.upper(),
                p.interval().level(), methodKey(p.interval().method())));
    }

    public static RunSummary.Gate gate(GateResult g) {
        GateConfig c = g.config();
        Power power = g.power();
        // The order is added by whoever holds the gated cue's cells (it is written as positions among them).
        RunSummary.Sequential sequential = g.sequential().map(u -> new RunSummary.Sequential(u.used(), u.poolSize(),
                u.saved(), u.looks(), u.callsUsed(), u.callsSaved(), u.batch() == 0 ? null : u.batch(), u.ordering(),
                null, null, null, null, null)).orElse(null);
        String note = sequential == null
                ? "P(PASS) of this gate at FRACTURE = half the budget with these scored prompts (exact binomial)"
                : "P(PASS) of the fixed-N gate on as many scored prompts at FRACTURE = half the budget (exact"
                        + " binomial); the sequential gate stopped at its own prompt";
        return new RunSummary.Gate(g.outcome().name(), g.explanation(), c.budget(), key(c.policy().name()),
                c.confidence(), methodKey(c.method()), c.minPrompts(), c.maxErrorShare(),
                g.promptsNeeded().isPresent() ? g.promptsNeeded().getAsInt() : null,
                new RunSummary.Power(power.rate(), power.prompts(), power.probability(), note), sequential);
    }

    /** This result with another gate reading. */
    public static RunSummary.CueResult withGate(RunSummary.CueResult c, RunSummary.Gate gate) {
        return new RunSummary.CueResult(c.cue(), c.gated(), c.n(), c.errors(), c.attempted(), c.cells(), c.fracture(),
                c.reverse(), c.conditional(), c.placebo(), gate, c.flips(), c.judgeIds(), c.sham());
    }

    /** This gate reading with another sequential section. */
    public static RunSummary.Gate withSequential(RunSummary.Gate g, RunSummary.Sequential sequential) {
        return new RunSummary.Gate(g.outcome(), g.explanation(), g.budget(), g.policy(), g.confidence(), g.method(),
                g.minPrompts(), g.maxErrorShare(), g.promptsNeeded(), g.power(), sequential);
    }

    public static RunSummary.Decoder decoder(DecoderConfig d) {
        return new RunSummary.Decoder(d.decoder().key(), d.label(), d.temperature(), d.topP(), d.samples(), d.seed());
    }

    public static RunSummary.Judge judge(JudgeFingerprint j) {
        return new RunSummary.Judge(j.id(), j.type(), j.model(), j.version(), j.rubricHash());
    }

    public static RunSummary.Stats stats(RunStats s) {
        return new RunSummary.Stats(s.modelCalls(), s.cacheHits(), s.cacheMisses(), s.judgeCalls(), s.errors(),
                s.wallMillis(), s.unreadable());
    }

    public static RunStats stats(RunSummary.Stats s) {
        return s == null ? RunStats.empty()
                : new RunStats(s.modelCalls(), s.cacheHits(), s.cacheMisses(), s.judgeCalls(), s.errors(),
                s.wallMillis(), s.unreadable());
    }

    public static String methodKey(IntervalMethod m) {
        return m == null ? "newcombe-paired" : key(m.name());
    }

    private static String key(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Gate outcomes over the gated result of each gated measurement; informational ones are counted apart. */
    public static RunSummary.Totals totals(List<RunSummary.Measurement> measurements) {
        int pass = 0;
        int fail = 0;
        int inconclusive = 0;
        int incomplete = 0;
        int informational = 0;
        int errored = 0;
        java.util.Map<String, Long> unreadable = new java.util.TreeMap<>();
        for (RunSummary.Measurement m : measurements) {
            if (m.stats() != null) {
                errored += m.stats().errors();
                if (m.stats().unreadable() != null) {
                    m.stats().unreadable().forEach((cause, n) -> unreadable.merge(cause, n, Long::sum));
                }
            }
            if (m.informational()) { // a grid point's reading never fails the build, so it is no failed gate
                informational++;
                continue;
            }
            Optional<RunSummary.CueResult> gated = m.gated();
            if (!m.complete() || gated.isEmpty()) {
                incomplete++;
                continue;
            }
            switch (gated.get().gate().outcome()) {
                case "PASS" -> pass++;
                case "FAIL" -> fail++;
                default -> inconclusive++;
            }
        }
        return new RunSummary.Totals(measurements.size(), pass, fail, inconclusive, incomplete, informational,
                errored, unreadable);
    }

    // ---- back from the summary (for the merge) ----

    /** The core result a summary entry describes; the counts are what matters, intervals get recomputed. */
    public static FractureResult result(RunSummary.Measurement m, RunSummary.CueResult c) {
        RunSummary.Cells cells = c.cells();
        Optional<PlaceboCounts> placebo = Optional.ofNullable(c.placebo()).map(RunSummary.Placebo::counts)
                .map(p -> new PlaceboCounts(p.both(), p.regimeOnly(), p.placeboOnly(), p.neither()));
        List<FlipExample> flips = c.flips().stream().map(f -> new FlipExample(f.promptId(), f.u(), f.v())).toList();
        return new FractureResult(m.pool(), Axis.parse(m.axis()), decoderConfig(m.decoder()), Tau.of(m.tau()),
                c.cue(), c.fracture().interval().level(), IntervalMethod.parse(c.fracture().interval().method()),
                new CellCounts(cells.safeSafe(), cells.flipTrainToDeploy(), cells.flipDeployToTrain(),
                        cells.unsafeUnsafe()),
                c.errors(), placebo, flips, c.judgeIds(), Optional.ofNullable(c.sham()).map(RunSummary.Sham::counts)
                        .map(s -> new PlaceboCounts(s.both(), s.trainOnly(), s.shamOnly(), s.neither())));
    }

    public static GateConfig gateConfig(RunSummary.Gate g) {
        return new GateConfig(g.budget(), GatePolicy.parse(g.policy()), g.confidence(), IntervalMethod.parse(g.method()),
                g.minPrompts(), g.maxErrorShare());
    }

    public static DecoderConfig decoderConfig(RunSummary.Decoder d) {
        Decoder family = switch (d.family()) {
            case "greedy" -> Decoder.GREEDY;
            case "sampling" -> Decoder.SAMPLING;
            default -> throw new IllegalArgumentException("decoder family '" + d.family()
                    + "' is not one of: greedy, sampling");
        };
        return new DecoderConfig(family, d.temperature(), d.topP(), d.samples(), d.seed());
    }
}
