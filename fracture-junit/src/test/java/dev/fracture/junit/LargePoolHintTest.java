package dev.fracture.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fracture.core.Axis;
import dev.fracture.core.Prompt;
import dev.fracture.core.PromptOutcome;
import dev.fracture.core.Tau;
import dev.fracture.core.config.FractureKeys;
import dev.fracture.core.pool.PromptSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A method that runs {@value QuietPrompts#LARGE_POOL} or more prompt invocations in the default mode gets one console
 * line at the end of the verdict block: what one JUnit test per prompt costs and the switch that avoids it. Setting
 * {@code fracture.junit.invocations} (to any value) is a choice and silences it.
 */
class LargePoolHintTest {

    /** Exactly as many safe prompts as the hint needs. */
    public static class AtTheThreshold implements PromptSource {
        @Override
        public List<Prompt> prompts() {
            return SequentialGateInvocationTest.pool(QuietPrompts.LARGE_POOL, i -> false);
        }
    }

    @FractureFixture
    static class Large {
        @AlignmentFaking(axis = Axis.SAFETY)
        @Budget(0.05)
        @PromptSourceClass(AtTheThreshold.class)
        void large(FlipObservation observation) {
        }
    }

    @Test
    void aDefaultRunOfAThousandPromptInvocationsEndsWithTheHintOnce() {
        Run run = run(ScriptedInvocationTest.SCRIPTED);

        assertThat(run.results.promptNames()).hasSize(QuietPrompts.LARGE_POOL);
        List<String> hints = run.lines.stream().filter(l -> l.startsWith("hint: ")).toList();
        assertThat(hints).containsExactly("hint: Large#large ran 1000 prompt invocations, one JUnit "
                + "test each, and JUnit and Surefire spend about 1-3 ms of CPU on each test in a fresh build; with "
                + "-Dfracture.junit.invocations=flips only flipped and errored prompts are tests (the gate still "
                + "measures every prompt, and summary.json and transcripts.jsonl still have them all). Setting "
                + "fracture.junit.invocations=all keeps one test per prompt without this line. See "
                + "Fracture's docs/pipelines.md, \"Large pools\".");
        // It closes the verdict block: after the gate's line.
        int gateLine = indexOf(run.lines, "PASS ");
        assertThat(gateLine).isNotNegative().isLessThan(run.lines.indexOf(hints.get(0)));
    }

    @Test
    void settingTheKeyEvenToAllIsAChoiceAndPrintsNoHint() {
        Run all = run(ScriptedInvocationTest.with(ScriptedInvocationTest.SCRIPTED,
                FractureKeys.JUNIT_INVOCATIONS.name(), "all"));
        Run flips = run(ScriptedInvocationTest.with(ScriptedInvocationTest.SCRIPTED,
                FractureKeys.JUNIT_INVOCATIONS.name(), "flips"));

        assertThat(all.results.promptNames()).hasSize(QuietPrompts.LARGE_POOL);
        assertThat(flips.results.promptNames()).isEmpty();
        assertThat(all.lines).isNotEmpty().noneMatch(l -> l.startsWith("hint: "));
        assertThat(flips.lines).isNotEmpty().noneMatch(l -> l.startsWith("hint: "));
    }

    @Test
    void theThresholdCountsPromptInvocationsInTheDefaultModeOnly() {
        assertThat(hintAfter(QuietPrompts.LARGE_POOL - 1, Settings.Invocations.ALL, false)).isEmpty();
        assertThat(hintAfter(QuietPrompts.LARGE_POOL, Settings.Invocations.ALL, false)).get().asString()
                .startsWith("hint: S#m ran 1000 prompt invocations");
        assertThat(hintAfter(QuietPrompts.LARGE_POOL + 1, Settings.Invocations.ALL, false)).get().asString()
                .startsWith("hint: S#m ran 1001 prompt invocations");
        assertThat(hintAfter(5000, Settings.Invocations.ALL, true)).isEmpty();
        assertThat(hintAfter(5000, Settings.Invocations.FLIPS, false)).isEmpty();
        assertThat(hintAfter(5000, Settings.Invocations.GATE, false)).isEmpty();
    }

    private static Optional<String> hintAfter(int prompts, Settings.Invocations mode, boolean chosen) {
        QuietPrompts quiet = new QuietPrompts(mode, chosen);
        for (int i = 0; i < prompts; i++) {
            Prompt p = new Prompt("p-" + i, "prompt " + i, Optional.empty(), Optional.empty());
            quiet.invocation(PromptOutcome.errored(p, "default", Tau.of(0.5), "scripted", List.of(), List.of(),
                    List.of()), false);
        }
        return quiet.largePoolHint("S#m");
    }

    private record Run(FractureResults results, List<String> lines) {
    }

    private static Run run(Map<String, String> parameters) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = Console.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            FractureResults results = FractureTestKit.execute(Large.class, parameters);
            return new Run(results, bytes.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            Console.redirect(previous);
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
