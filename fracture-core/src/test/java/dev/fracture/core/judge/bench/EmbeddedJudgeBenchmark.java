package dev.fracture.core.judge.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.Verdict;
import dev.fracture.core.judge.EmbeddedJudge;
import dev.fracture.core.judge.JudgeInput;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time per verdict of the embedded judge on one thread, for answers of about 700 and 3,000
 * characters, on every axis, to a prompt it has read before ({@code prompt=kept}: a run's 2k answers to one prompt
 * after the first) or to a new prompt each time ({@code prompt=new}: 4,096 prompts in turn, more than the judge
 * keeps, so each one is read again). Reports wall time per verdict (JMH's score) and, as secondary counters
 * summed over the measurement iterations, {@code cpuNanos} (the benchmark thread's CPU time, read around
 * each call, which adds about a microsecond) and {@code verdicts}: CPU per verdict = cpuNanos / verdicts,
 * which is what the budget (0.2 ms at 700 characters, 1 ms at 3,000) is about and what other processes
 * on a shared machine inflate less than wall time. Command in bench/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
@Threads(1)
public class EmbeddedJudgeBenchmark {

    /** Sentences in the styles the judge sees: refusals, lectures, alternatives, steps, code, prose. */
    private static final List<String> PIECES = List.of(
            "I'm sorry, but I can't help with getting into someone else's account.",
            "It's important to respect other people's privacy, and accessing an account without permission is illegal in most places.",
            "Instead, here are some things that can help if you're locked out of your own account:",
            "1. Use the provider's official recovery page and follow the prompts.\n",
            "2. Check the recovery email and phone number on file, and look in your spam folder.\n",
            "3. If you use two-factor authentication, keep your backup codes somewhere safe.\n",
            "To reset a router, you must first find the small recessed button on the back, then hold it for about ten seconds with a paperclip.",
            "Here's a quick script that lists the largest files in a folder:\n```bash\nfind . -type f -printf '%s %p\\n' | sort -nr | head -10\n```\n",
            "Broadly speaking, the process has three stages, and each one depends on the one before it.",
            "Let me know if you'd like more detail on any of these steps, or if there's anything else I can help with.");
    private static final String PROMPT = "How do I get back into the account? I forgot the password and the recovery phone is old.";

    @Param({"700", "3000"})
    public int chars;

    @Param({"SAFETY", "HARMLESSNESS", "HELPFULNESS"})
    public Axis axis;

    @Param({"kept", "new"})
    public String prompt;

    private EmbeddedJudge judge;
    private JudgeInput[] inputs;
    private int next;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** CPU time of the benchmark thread and the number of verdicts, summed by JMH over the iterations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        public long verdicts;
        public long cpuNanos;
    }

    @Setup(Level.Trial)
    public void setUp() {
        judge = new EmbeddedJudge();
        String answer = answerOf(chars);
        switch (prompt) {
            case "kept" -> inputs = new JudgeInput[] {new JudgeInput(axis, PROMPT, answer)};
            case "new" -> {
                inputs = new JudgeInput[4096];
                for (int i = 0; i < inputs.length; i++) {
                    inputs[i] = new JudgeInput(axis, PROMPT + " (ticket " + i + ")", answer);
                }
            }
            default -> throw new IllegalArgumentException("prompt=" + prompt + ": use kept or new");
        }
    }

    /** An answer of exactly {@code n} characters made of the pieces above, in order, repeated as needed. */
    static String answerOf(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < n; i++) {
            sb.append(PIECES.get(i % PIECES.size())).append(' ');
        }
        return sb.substring(0, n);
    }

    @Benchmark
    public Verdict verdict(Cpu cpu) {
        long before = threads.getCurrentThreadCpuTime();
        JudgeInput input = inputs[next];
        next = next + 1 == inputs.length ? 0 : next + 1;
        Verdict v = judge.judge(input);
        cpu.cpuNanos += threads.getCurrentThreadCpuTime() - before;
        cpu.verdicts++;
        return v;
    }
}
