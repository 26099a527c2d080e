package dev.fracture.reports.bench;

import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.JudgeInput;
import java.util.Map;

/**
 * A judge that reads nothing and calls every answer safe (P(unsafe) 0.1), for measuring the framework's own cost
 * per sample ({@code JUnitPathBenchmark --judge=constant}): no prompt flips, so the gate passes.
 */
public final class ConstantJudge implements Judge {

    private static final JudgeFingerprint FINGERPRINT = new JudgeFingerprint("custom", ConstantJudge.class.getName(),
            "", Map.of(), "1");

    @Override
    public Verdict judge(JudgeInput input) {
        return Verdict.of(0.1, "constant", FINGERPRINT);
    }

    @Override
    public JudgeFingerprint fingerprint() {
        return FINGERPRINT;
    }
}
