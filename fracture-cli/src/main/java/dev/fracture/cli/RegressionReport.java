package dev.fracture.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fracture.core.gate.CheckpointComparison;
import dev.fracture.core.gate.GateOutcome;
import dev.fracture.core.gate.PairedRegression;
import dev.fracture.core.internal.Numbers;
import dev.fracture.reports.summary.PromptCells;
import dev.fracture.reports.summary.RunSummary.Measurement;
import dev.fracture.reports.summary.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The regression gate of {@code fracture compare}, per measurement, and its verdict over all of them. */
final class RegressionReport {
    private static final int LISTED = 5;

    private RegressionReport() {
    }

    /**
     * One measurement in both summaries.
     *
     * @param result the paired comparison; null when it could not run ({@code reason} says why)
     * @param outcome PASS, FAIL or INCONCLUSIVE; null when only the diff was possible
     * @param gateRegressed the baseline's gate was PASS and the candidate's is not (the diff's reading)
     */
    record Entry(String id, String name, String cue, boolean informational, PairedRegression.Result result,
                 GateOutcome outcome, String reason, boolean gateRegressed, double delta, double confidence) {

        void print(PrintWriter out) {
            String pad = "              ";
            if (result == null) {
                out.printf("  regression  %s%s%n", outcome == null ? "diff only: " : outcome + ": ", reason);
                return;
            }
            PairedRegression.Result r = result;
            out.printf("  regression  cue %s, δ %s: %d paired prompts%s%s%n", cue, Numbers.compact(delta, 4),
                    r.paired(), excluded(r), r.erroredPairs() == 0 ? "" : "; " + r.erroredPairs() + " pair"
                            + (r.erroredPairs() == 1 ? "" : "s") + " with an errored prompt (never counted as safe)");
            out.printf("%sflips: candidate only %d, baseline only %d, both %d, neither %d%n", pad, r.candidateOnly(),
                    r.baselineOnly(), r.bothFlip(), r.neitherFlip());
            CheckpointComparison s = r.scored();
            out.printf(Locale.ROOT, "%sincrease %+.3f [%.3f, %.3f] (%s, paired Bonferroni Clopper–Pearson); exact "
                            + "McNemar p = %.4g (one-sided, no change)%n", pad, s.increase(), s.lower(), s.upper(),
                    Numbers.percent(confidence), s.mcNemarPValue());
            if (r.erroredPairs() > 0) {
                out.printf(Locale.ROOT, "%swith the errored pairs: upper bound %.3f counting them as candidate flips,"
                                + " lower bound %.3f counting them as baseline flips%n", pad, r.worst().upper(),
                        r.best().lower());
            }
            out.printf("%s→ %s%s%n", pad, outcome, informational ? " (informational: never decides the exit status)"
                    : "");
            out.printf(Locale.ROOT, "%spower: P(PASS) if the candidate is unchanged %.3f (at the observed "
                            + "discordance); McNemar detects an increase of %s with probability %.3f (one-sided α %s)%n",
                    pad, r.passIfUnchanged(), Numbers.compact(r.powerAt(), 4), r.mcNemarPower(),
                    Numbers.compact((1 - confidence) / 2, 4));
        }

        private static String excluded(PairedRegression.Result r) {
            if (r.onlyBaselineCount() + r.onlyCandidateCount() == 0) {
                return "";
            }
            return " (left out: " + r.onlyBaselineCount() + " only in the baseline" + first(r.onlyBaseline()) + ", "
                    + r.onlyCandidateCount() + " only in the candidate" + first(r.onlyCandidate()) + ")";
        }

        private static String first(List<String> ids) {
            return ids.isEmpty() ? "" : " e.g. " + String.join(", ", ids.subList(0, Math.min(LISTED, ids.size())));
        }
    }

    /** The regression gates counted; {@code diffOnly} measurements had no cells and did not regress in the diff. */
    record Verdict(int pass, int fail, int inconclusive, int diffOnly) {
        String line(double delta) {
            return String.format(Locale.ROOT, "regression gate (δ %s): %d PASS, %d FAIL, %d INCONCLUSIVE%s",
                    Numbers.compact(delta, 4), pass, fail, inconclusive, diffOnly == 0 ? ""
                            : ", " + diffOnly + " compared by the diff only (no per-prompt cells)");
        }
    }

    static Entry of(Measurement base, Measurement cand, double delta, double confidence, double powerAt) {
        boolean regressed = "PASS".equals(outcome(base)) && !"PASS".equals(outcome(cand));
        Optional<String> baseCue = base.gated().map(RunSummary.CueResult::cue);
        Optional<String> candCue = cand.gated().map(RunSummary.CueResult::cue);
        String cue = baseCue.or(() -> candCue).orElse(null);
        if (baseCue.isEmpty() || candCue.isEmpty()) {
            return new Entry(cand.id(), cand.name(), cue, cand.informational(), null, GateOutcome.INCONCLUSIVE,
                    "the gate never decided in the " + (baseCue.isEmpty() ? "baseline" : "candidate")
                            + ", so there is no gated cue to pair", regressed, delta, confidence);
        }
        List<String> differences = differences(base, cand, cue, candCue.get());
        if (!differences.isEmpty()) {
            return new Entry(cand.id(), cand.name(), cue, cand.informational(), null, GateOutcome.INCONCLUSIVE,
                    "not comparable prompt by prompt: " + String.join("; ", differences)
                            + " (a paired comparison needs the same pool, cue, τ, decoder, seeds and judge)", regressed,
                    delta, confidence);
        }
        PromptCells before = cells(base, cue);
        PromptCells after = cells(cand, cue);
        if (before == null || after == null) {
            String which = before == null && after == null ? "neither summary has" : before == null
                    ? "the baseline has no" : "the candidate has no";
            return new Entry(cand.id(), cand.name(), cue, cand.informational(), null, regressed ? GateOutcome.FAIL
                    : null, which + " per-prompt cells for cue " + cue + " (written before fracture-summary/3): re-run"
                    + " it with this version of Fracture to compare prompt by prompt" + (regressed
                    ? "; the gate was PASS and is not any more, so this counts as FAIL" : ""), regressed, delta,
                    confidence);
        }
        PairedRegression.Result r = PairedRegression.compare(before, after, delta, confidence, powerAt);
        if (r.paired() + r.erroredPairs() == 0) {
            return new Entry(cand.id(), cand.name(), cue, cand.informational(), null, regressed ? GateOutcome.FAIL
                    : GateOutcome.INCONCLUSIVE, "no prompt id of cue " + cue + " is in both summaries ("
                    + before.size() + " in the baseline, " + after.size() + " in the candidate): measure the same pool"
                    + (regressed ? "; the gate was PASS and is not any more, so this counts as FAIL" : ""), regressed,
                    delta, confidence);
        }
        return new Entry(cand.id(), cand.name(), cue, cand.informational(), r, r.outcome(), null, regressed, delta,
                confidence);
    }

    private static PromptCells cells(Measurement m, String cue) {
        Map<String, PromptCells> all = m.promptCells();
        return all == null ? null : all.get(cue);
    }

    /** What would make a prompt's two measurements differ for another reason than the checkpoint. */
    private static List<String> differences(Measurement a, Measurement b, String cue, String candCue) {
        List<String> out = new ArrayList<>();
        if (!cue.equals(candCue)) {
            out.add("gated cue " + cue + " → " + candCue);
        }
        if (Double.compare(a.tau(), b.tau()) != 0) {
            out.add("τ " + Numbers.compact(a.tau()) + " → " + Numbers.compact(b.tau()));
        }
        if (a.judge() != null && b.judge() != null && !Objects.equals(a.judge().id(), b.judge().id())) {
            out.add("judge " + a.judge().id() + " → " + b.judge().id());
        }
        RunSummary.Decoder x = a.decoder();
        RunSummary.Decoder y = b.decoder();
        if (x != null && y != null && (!Objects.equals(x.family(), y.family()) || x.temperature() != y.temperature()
                || x.topP() != y.topP() || x.samples() != y.samples() || x.seed() != y.seed())) {
            out.add("decoder " + x.label() + " seed " + x.seed() + " → " + y.label() + " seed " + y.seed());
        }
        for (String c : List.of(cue, "deploy")) {
            String h1 = a.cueHashes().get(c);
            String h2 = b.cueHashes().get(c);
            if (h1 != null && h2 != null && !h1.equals(h2)) {
                out.add("text of cue " + c + " (hash " + h1 + " → " + h2 + ")");
            }
        }
        return out;
    }

    static String outcome(Measurement m) {
        if (!m.complete()) {
            return "INCOMPLETE";
        }
        return m.gated().map(c -> c.gate() == null ? "NONE" : c.gate().outcome()).orElse("NONE");
    }

    /** Counts the deciding entries; informational ones (decoder-sweep grid points) never decide. */
    static Verdict verdict(List<Entry> entries) {
        int pass = 0;
        int fail = 0;
        int inconclusive = 0;
        int diffOnly = 0;
        for (Entry e : entries) {
            if (e.informational()) {
                continue;
            }
            if (e.outcome() == null) {
                diffOnly++;
            } else {
                switch (e.outcome()) {
                    case PASS -> pass++;
                    case FAIL -> fail++;
                    default -> inconclusive++;
                }
            }
        }
        return new Verdict(pass, fail, inconclusive, diffOnly);
    }

    static void write(Path file, Path baseline, Path candidate, double delta, double confidence, double powerAt,
                      List<Entry> entries, List<String> onlyBaseline, List<String> onlyCandidate, Verdict verdict) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("baseline", baseline.toString());
        root.put("candidate", candidate.toString());
        root.put("delta", delta);
        root.put("confidence", confidence);
        root.put("powerAt", powerAt);
        ArrayNode ms = root.putArray("measurements");
        for (Entry e : entries) {
            ObjectNode m = ms.addObject();
            m.put("id", e.id());
            m.put("name", e.name());
            m.put("cue", e.cue());
            m.put("informational", e.informational());
            m.put("outcome", e.outcome() == null ? null : e.outcome().name());
            m.put("gateRegressed", e.gateRegressed());
            m.put("reason", e.reason());
            PairedRegression.Result r = e.result();
            if (r != null) {
                m.put("paired", r.paired());
                m.put("candidateOnly", r.candidateOnly());
                m.put("baselineOnly", r.baselineOnly());
                m.put("bothFlip", r.bothFlip());
                m.put("neitherFlip", r.neitherFlip());
                m.put("erroredPairs", r.erroredPairs());
                m.put("onlyInBaseline", r.onlyBaselineCount());
                m.put("onlyInCandidate", r.onlyCandidateCount());
                CheckpointComparison s = r.scored();
                m.put("increase", s.increase());
                ObjectNode interval = m.putObject("interval");
                interval.put("lower", s.lower());
                interval.put("upper", s.upper());
                interval.put("level", confidence);
                interval.put("method", "paired-bonferroni-clopper-pearson");
                if (r.erroredPairs() > 0) {
                    m.put("upperErroredAsCandidateFlips", r.worst().upper());
                    m.put("lowerErroredAsBaselineFlips", r.best().lower());
                }
                m.put("mcNemarP", s.mcNemarPValue());
                ObjectNode power = m.putObject("power");
                power.put("passIfUnchanged", r.passIfUnchanged());
                power.put("mcNemarAtIncrease", r.powerAt());
                power.put("mcNemar", r.mcNemarPower());
            }
        }
        root.putPOJO("onlyInBaseline", onlyBaseline);
        root.putPOJO("onlyInCandidate", onlyCandidate);
        ObjectNode v = root.putObject("verdict");
        v.put("pass", verdict.pass());
        v.put("fail", verdict.fail());
        v.put("inconclusive", verdict.inconclusive());
        v.put("diffOnly", verdict.diffOnly());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, mapper.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison to " + file + ": " + e.getMessage()
                    + "; choose a writable path for --json", e);
        }
    }
}
