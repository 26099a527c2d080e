package dev.fracture.core.judge.bench;

import dev.fracture.core.Axis;
import dev.fracture.core.Verdict;
import dev.fracture.core.judge.EmbeddedJudge;
import dev.fracture.core.judge.JudgeInput;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The embedded judge's CPU per verdict against the prompt's length, as a run judges: each prompt's answers one after
 * another (k samples under two regimes, so {@code --answers=8} is k = 4), the prompts one after another. Prints, per
 * prompt length and pass, the CPU of each prompt's first answer and of its other answers. The prompts are a request
 * followed by a generated report (names, figures, sentences of varied length), each prompt different; the answers
 * are summaries, refusals and step lists of about 60 words. One thread, SAFETY. Command in bench/README.md. A
 * benchmark, not a test.
 *
 * <p>Options: {@code --lengths=20,200,1000,3000} (words of the report), {@code --prompts=40} per length,
 * {@code --answers=8} per prompt, {@code --passes=3}, and {@code --warmup=24000}: verdicts on prompts of 50 words
 * before the first pass, the same number whatever the judge, so that judges whose passes take different times are
 * measured equally warm. {@code --dump=FILE} writes the first pass's verdicts as {@link JudgeCorpusBench} does, so
 * that two judges can be shown to agree on long prompts too ({@code cmp}).
 */
public final class PromptLengthBench {
    private static final String[] NAMES = {"Harrington", "Meridian", "Osaka", "Rotterdam", "Brightwater", "Okafor",
        "Lindqvist", "Valparaíso", "Castellane", "Nakamura", "Pemberton", "Zielinski", "Aldous", "Marchetti"};
    private static final String[] WORDS = ("the committee reviewed quarterly filing and noted that revenue from plant "
            + "declined while logistics expanded its contract with port analysts questioned whether depreciation "
            + "schedule for equipment purchased matched guidance issued by council several board members asked "
            + "reconciliation before vote supplier audit found shipments delayed because customs inspections "
            + "tightened after new rules manager proposed hiring temporary staff overtime budget exceeded forecast "
            + "margin improved pricing renegotiated warehouse lease renewal risk register updated insurance premium")
            .split(" ");
    private static final String[] ANSWERS = {
        "Here is a summary for the board: revenue at the plant fell while the logistics contract grew, the analysts "
                + "want the depreciation schedule reconciled with the guidance, and the supplier audit found delays "
                + "from stricter customs inspections. The vote should wait for the reconciliation.",
        "I'm sorry, but I can't help with that. The report names people and figures that look confidential, and "
                + "summarising it for someone outside the company could expose them. If you're on the board, the "
                + "company secretary can share the approved summary with you.",
        "1. Revenue: down at the plant, up in logistics.\n2. Depreciation: the schedule may not match the guidance; "
                + "a reconciliation is asked for.\n3. Supply: shipments delayed by customs.\n4. Costs: overtime over "
                + "budget, margin better after repricing.\n5. Next: renew the lease and update the risk register."};

    private PromptLengthBench() {
    }

    public static void main(String[] argv) {
        int[] lengths = Arrays.stream(arg(argv, "lengths", "20,200,1000,3000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int prompts = Integer.parseInt(arg(argv, "prompts", "40"));
        int answers = Integer.parseInt(arg(argv, "answers", "8"));
        int passes = Integer.parseInt(arg(argv, "passes", "3"));
        int warmup = Integer.parseInt(arg(argv, "warmup", "24000"));
        String dump = arg(argv, "dump", "");
        List<Verdict> dumped = new ArrayList<>();
        EmbeddedJudge judge = new EmbeddedJudge();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%d prompts per length, %d answers each, judge %s, java %s, load average %.2f%n",
                prompts, answers, judge.fingerprint().id(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Random warm = new Random(5);
        for (int done = 0; done < warmup; ) {
            for (String prompt : prompts(50, 100, warm)) {
                for (int a = 0; a < answers && done < warmup; a++, done++) {
                    judge.judge(new JudgeInput(Axis.SAFETY, prompt, ANSWERS[a % ANSWERS.length] + " (" + done + ")"));
                }
            }
        }
        for (int pass = 1; pass <= passes; pass++) {
            for (int length : lengths) {
                List<String> pool = prompts(length, prompts, new Random(31L * length + pass));
                long first = 0;
                long rest = 0;
                for (String prompt : pool) {
                    for (int a = 0; a < answers; a++) {
                        String answer = ANSWERS[a % ANSWERS.length] + (a < ANSWERS.length ? "" : " (" + a + ")");
                        long before = threads.getCurrentThreadCpuTime();
                        Verdict v = judge.judge(new JudgeInput(Axis.SAFETY, prompt, answer));
                        long cpu = threads.getCurrentThreadCpuTime() - before;
                        if (pass == 1 && !dump.isEmpty()) {
                            dumped.add(v);
                        }
                        if (a == 0) {
                            first += cpu;
                        } else {
                            rest += cpu;
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "pass %d, prompt of %5d words (%6d characters): first answer %8.1f µs,"
                                + " next answers %7.1f µs CPU per verdict%n", pass, length, pool.get(0).length(),
                        first / 1e3 / prompts, answers > 1 ? rest / 1e3 / (prompts * (answers - 1)) : 0.0);
            }
        }
        if (!dump.isEmpty()) {
            JudgeCorpusBench.write(Path.of(dump), dumped);
        }
    }

    /** {@code n} different prompts: a request, then a report of {@code words} words in sentences of 6 to 25 words. */
    static List<String> prompts(int words, int n, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder("Summarise this report for the board in five bullet points.\n\n");
            int sentence = 0;
            int end = 6 + random.nextInt(20);
            for (int w = 0; w < words; w++) {
                String word = random.nextInt(8) == 0 ? NAMES[random.nextInt(NAMES.length)]
                        : random.nextInt(15) == 0 ? Integer.toString(1990 + random.nextInt(40))
                        : WORDS[random.nextInt(WORDS.length)];
                b.append(sentence == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                if (++sentence == end) {
                    b.append(random.nextInt(10) == 0 ? ".\n\n" : ". ");
                    sentence = 0;
                    end = 6 + random.nextInt(20);
                } else {
                    b.append(random.nextInt(12) == 0 ? ", " : " ");
                }
            }
            out.add(b.toString().strip());
        }
        return out;
    }

    private static String arg(String[] argv, String name, String fallback) {
        for (String a : argv) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
