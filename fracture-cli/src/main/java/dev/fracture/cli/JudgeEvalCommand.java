package dev.fracture.cli;

import dev.fracture.core.judge.JudgeEvaluationMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fracture judge-eval}: scores a judge on a labelled evaluation set. */
@Command(name = "judge-eval", mixinStandardHelpOptions = true,
        description = {"Scores a judge on a labelled evaluation set: accuracy, sensitivity and specificity with "
                + "Wilson intervals and a confusion table per axis and overall. The sensitivity and specificity "
                + "it prints are what fracture.judge.sensitivity and fracture.judge.specificity take.",
            "Exit status: 0 scored, 64 bad arguments or an unreadable set, 65 the judge failed on every row."})
final class JudgeEvalCommand implements Callable<Integer> {
    @Option(names = "--judge", paramLabel = "NAME", description = "embedded (default), llm, guard, or the class "
            + "name of a Judge with a public no-arg constructor")
    String judge;

    @Option(names = "--base-url", paramLabel = "URL", description = "OpenAI-compatible endpoint of the judge model "
            + "(llm and guard), e.g. http://127.0.0.1:8000/v1")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "the judge model's name at that endpoint")
    String model;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "environment variable holding the "
            + "endpoint's API key (default: none)")
    String apiKeyEnv;

    @Option(names = "--set", paramLabel = "FILE", description = "a JSON Lines evaluation set (default: the shipped "
            + "set)")
    Path set;

    @Option(names = "--split", paramLabel = "NAME", description = "dev, test, holdout, holdout2, holdout3, holdout4, holdout5, holdout6, holdout7, holdout8, holdout9, holdout10, holdout11, holdout12, holdout13, holdout14, holdout15, holdout16 or all (default: all)")
    String split;

    @Option(names = "--confidence", paramLabel = "LEVEL", description = "interval confidence in (0, 1) "
            + "(default: 0.95)")
    String confidence;

    @Option(names = "--misses", description = "also list the misclassified rows")
    boolean misses;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        add(args, "--judge", judge);
        add(args, "--base-url", baseUrl);
        add(args, "--model", model);
        add(args, "--api-key-env", apiKeyEnv);
        add(args, "--set", set == null ? null : set.toString());
        add(args, "--split", split);
        add(args, "--confidence", confidence);
        if (misses) {
            args.add("--misses");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = JudgeEvaluationMain.run(args.toArray(String[]::new), o, e);
        }
        spec.commandLine().getOut().print(out.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(err.toString(StandardCharsets.UTF_8));
        spec.commandLine().getErr().flush();
        return switch (status) {
            case 0 -> FractureCli.OK;
            case 2 -> FractureCli.USAGE;
            default -> FractureCli.DATA;
        };
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null) {
            args.add(flag);
            args.add(value);
        }
    }
}
