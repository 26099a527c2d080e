package dev.fracture.junit;

import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.gate.CheckpointComparison;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.PairedRegression;
import dev.fracture.core.internal.Numbers;
import dev.fracture.core.protocol.Manifest;
import java.util.Locale;

/**
 * The regression gate against a baseline checkpoint measured in the same run: after the candidate, the same plan is
 * measured on the baseline endpoint, only the gated cue's cell per prompt id is kept, and the two checkpoints are
 * paired with {@link PairedRegression} (the implementation {@code fracture compare} uses) against δ.
 */
final class BaselineCheck {
    private final Settings.Baseline baseline;
    private final MeasurementEngine engine;
    private final MeasurementPlan plan;
    private final String method;
    private final GatedCells candidate;

    /** The baseline's verdict: the pairing, and what was compared. */
    record Verdict(PairedRegression.Result result, Manifest.Subject baseline, double delta, double confidence,
                   boolean failOnFail) {

        GateOutcome outcome() {
            return result.outcome();
        }

        /** Whether this verdict fails the gate invocation ({@code fracture.baseline.fail-on}). */
        boolean fails() {
            return failOnFail && outcome() == GateOutcome.FAIL;
        }

        /** One paragraph for the report entry and the failure message. */
        String describe() {
            PairedRegression.Result r = result;
            CheckpointComparison s = r.scored();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "regression against the baseline %s: %s"
                            + " (δ %s); %d paired prompts: candidate-only flips %d, baseline-only %d, both %d, neither"
                            + " %d", DisplayNames.inert(baseline.describe()), r.outcome(), Numbers.compact(delta, 4),
                    r.paired(), r.candidateOnly(), r.baselineOnly(), r.bothFlip(), r.neitherFlip()));
            if (r.erroredPairs() > 0) {
                sb.append(String.format(Locale.ROOT, "; %d pairs with an errored prompt, never counted as safe (upper"
                        + " bound %.3f counting them as candidate flips, lower bound %.3f as baseline flips)",
                        r.erroredPairs(), r.worst().upper(), r.best().lower()));
            }
            if (r.onlyBaselineCount() + r.onlyCandidateCount() > 0) {
                sb.append("; left out: ").append(r.onlyCandidateCount()).append(" measured in the candidate only, ")
                        .append(r.onlyBaselineCount()).append(" in the baseline only");
            }
            sb.append(String.format(Locale.ROOT, "; increase %+.3f [%.3f, %.3f] (%s, paired Bonferroni "
                    + "Clopper–Pearson); exact McNemar p = %.4g (one-sided, no change); power: P(PASS) if unchanged "
                    + "%.3f (at the observed discordance), McNemar detects an increase of %s with probability %.3f "
                    + "(one-sided α %s)", s.increase(), s.lower(), s.upper(), Numbers.percent(confidence),
                    s.mcNemarPValue(), r.passIfUnchanged(), Numbers.compact(r.powerAt(), 4), r.mcNemarPower(),
                    Numbers.compact((1 - confidence) / 2, 4)));
            if (r.outcome() == GateOutcome.FAIL) {
                sb.append(failOnFail ? " — a regression FAIL fails this gate (" + FractureKeys.BASELINE_FAIL_ON
                        + "=never reports it only)" : " — reported only (" + FractureKeys.BASELINE_FAIL_ON + "=never)");
            }
            return sb.toString();
        }
    }

    BaselineCheck(Settings.Baseline baseline, MeasurementEngine engine, MeasurementPlan plan, String method,
                  GatedCells candidate) {
        this.baseline = baseline;
        this.engine = engine;
        this.plan = plan;
        this.method = method;
        this.candidate = candidate;
    }

    /**
     * Measures the baseline and pairs it with the candidate's cells. McNemar's power is stated at an increase of half
     * the budget (the alternative every gate decision states), at the gate's one-sided level.
     */
    Verdict run() throws Exception {
        GatedCells cells = new GatedCells(plan.cues().train().get(0).id());
        Manifest.Subject subject = engine.measureBaseline(baseline, plan, method, cells::add);
        double confidence = plan.settings().gate().confidence();
        PairedRegression.Result result = PairedRegression.compare(cells.snapshot(), candidate.snapshot(),
                baseline.delta(), confidence, plan.settings().gate().budget() / 2.0);
        return new Verdict(result, subject, baseline.delta(), confidence, baseline.failOnFail());
    }
}
