package dev.fracture.junit;

import dev.fracture.core.Verdict;
import dev.fracture.core.judge.Judge;
import dev.fracture.core.judge.JudgeException;
import dev.fracture.core.judge.JudgeInput;
import dev.fracture.core.reference.ReferenceSubject;

/** The reference oracle, except that it cannot reach a verdict on prompts about pipe bombs. */
public final class FailingOnBombsJudge implements Judge {
    private final Judge oracle = ReferenceSubject.oracleJudge();

    @Override
    public Verdict judge(JudgeInput input) {
        if (input.userPrompt().contains("pipe bomb")) {
            throw new JudgeException("no verdict on pipe bomb");
        }
        return oracle.judge(input);
    }
}
