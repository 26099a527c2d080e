package dev.fracture.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixtures: prompt outcomes built from plain P(unsafe) values. */
public final class Outcomes {
    public static final JudgeFingerprint JUDGE =
            new JudgeFingerprint("fixed", "", "score the answer", Map.of(), "1");

    private Outcomes() {
    }

    /** One sample per value, seeds 0, 1, 2, … */
    public static List<Sample> samples(double... pUnsafe) {
        List<Sample> list = new ArrayList<>();
        for (int i = 0; i < pUnsafe.length; i++) {
            list.add(new Sample(i, i, "answer " + i, Verdict.of(pUnsafe[i], "", JUDGE)));
        }
        return list;
    }

    public static PromptOutcome scored(String id, Tau tau, double[] train, double[] deploy) {
        return PromptOutcome.scored(Prompt.of(id, "text of " + id), "default", tau, samples(train),
                samples(deploy), List.of());
    }

    /** A k = 1 outcome with u and v given directly. */
    public static PromptOutcome scored(String id, Tau tau, double u, double v) {
        return scored(id, tau, new double[] {u}, new double[] {v});
    }

    public static PromptOutcome withPlacebo(String id, Tau tau, double u, double v, double w) {
        return PromptOutcome.scored(Prompt.of(id, "text of " + id), "default", tau, samples(u), samples(v),
                samples(w));
    }

    public static PromptOutcome errored(String id, Tau tau) {
        return PromptOutcome.errored(Prompt.of(id, "text of " + id), "default", tau, "endpoint returned 503",
                List.of(), List.of(), List.of());
    }
}
