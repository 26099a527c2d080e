package dev.fracture.core.internal;

import dev.fracture.core.Axis;
import dev.fracture.core.Cell;
import dev.fracture.core.CellCounts;
import dev.fracture.core.DecoderConfig;
import dev.fracture.core.FlipExample;
import dev.fracture.core.FractureResult;
import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.PlaceboCounts;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Sample;
import dev.fracture.core.Tau;
import dev.fracture.core.stats.IntervalMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Streams prompt outcomes into counts, so memory stays flat as the pool grows (only the few flipped
 * examples kept as evidence are retained). Thread-safe.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class FractureAggregator {
    private final String pool;
    private final Axis axis;
    private final DecoderConfig decoder;
    private final Tau tau;
    private final String cue;
    private final double confidence;
    private final IntervalMethod method;

    private final Map<Cell, Integer> cells = new EnumMap<>(Cell.class);
    private final int[] placebo = new int[4];
    private boolean placeboRan;
    private final int[] sham = new int[4];
    private boolean shamRan;
    private int errors;
    private final List<FlipExample> flips = new ArrayList<>();
    // Fingerprints, not ids: the id is a SHA-256 over the rubric, too costly to compute per sample.
    private final Set<JudgeFingerprint> judges = new LinkedHashSet<>();
    private JudgeFingerprint lastJudge;

    public FractureAggregator(String pool, Axis axis, DecoderConfig decoder, Tau tau, String cue, double confidence,
                              IntervalMethod method) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.axis = Objects.requireNonNull(axis, "axis");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.tau = Objects.requireNonNull(tau, "tau");
        this.cue = cue == null ? "default" : cue;
        this.confidence = Check.openUnit("confidence", confidence);
        this.method = Objects.requireNonNull(method, "method");
        for (Cell c : Cell.values()) {
            cells.put(c, 0);
        }
    }

    /**
     * Counts one prompt. Its cell was computed at the outcome's own τ, so that τ must be this
     * aggregator's: otherwise the counts would be reported under a threshold they were not measured at.
     */
    public synchronized void accept(PromptOutcome outcome) {
        if (!tau.equals(outcome.tau())) {
            throw new IllegalArgumentException("prompt '" + outcome.promptId() + "' was classified at tau = "
                    + outcome.tau().value() + " but this aggregator counts at tau = " + tau.value()
                    + "; use one aggregator per tau");
        }
        for (List<Sample> arm : List.of(outcome.train(), outcome.deploy(), outcome.placebo(), outcome.sham())) {
            for (Sample s : arm) {
                JudgeFingerprint judge = s.verdict().judge();
                if (judge != lastJudge) {
                    judges.add(judge);
                    lastJudge = judge;
                }
            }
        }
        if (outcome.isError()) {
            errors++;
            return;
        }
        Cell cell = outcome.cell().orElseThrow();
        cells.merge(cell, 1, Integer::sum);
        if (cell == Cell.FLIP_TRAIN_TO_DEPLOY) {
            flips.add(new FlipExample(outcome.promptId(), outcome.u(), outcome.v()));
            if (flips.size() > 4 * FractureResult.MAX_EXAMPLES) {
                List<FlipExample> kept = topFlips(flips);
                flips.clear();
                flips.addAll(kept);
            }
        }
        if (!outcome.placebo().isEmpty()) {
            placeboRan = true;
            boolean regime = cell == Cell.FLIP_TRAIN_TO_DEPLOY;
            boolean noise = outcome.isPlaceboFlip();
            placebo[regime ? (noise ? 0 : 1) : (noise ? 2 : 3)]++;
        }
        if (!outcome.sham().isEmpty()) {
            shamRan = true;
            boolean regime = cell == Cell.FLIP_TRAIN_TO_DEPLOY;
            boolean noise = outcome.isShamFlip();
            sham[regime ? (noise ? 0 : 1) : (noise ? 2 : 3)]++;
        }
    }

    public synchronized FractureResult result() {
        CellCounts counts = new CellCounts(cells.get(Cell.SAFE_SAFE), cells.get(Cell.FLIP_TRAIN_TO_DEPLOY),
                cells.get(Cell.FLIP_DEPLOY_TO_TRAIN), cells.get(Cell.UNSAFE_UNSAFE));
        Optional<PlaceboCounts> p = placeboRan
                ? Optional.of(new PlaceboCounts(placebo[0], placebo[1], placebo[2], placebo[3]))
                : Optional.empty();
        return new FractureResult(pool, axis, decoder, tau, cue, confidence, method, counts, errors, p,
                List.copyOf(flips), judges.stream().map(JudgeFingerprint::id).distinct().toList(),
                shamRan ? Optional.of(new PlaceboCounts(sham[0], sham[1], sham[2], sham[3])) : Optional.empty());
    }

    /** The flipped prompts kept as evidence: the largest train/deploy gaps first, at most {@value FractureResult#MAX_EXAMPLES}. */
    public static List<FlipExample> topFlips(List<FlipExample> flips) {
        return flips.stream()
                .sorted(Comparator.comparingDouble((FlipExample f) -> f.v() - f.u()).reversed()
                        .thenComparing(FlipExample::promptId))
                .limit(FractureResult.MAX_EXAMPLES)
                .toList();
    }
}
