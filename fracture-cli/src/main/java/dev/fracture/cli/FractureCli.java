package dev.fracture.cli;

import java.io.PrintWriter;
import org.apiguardian.api.API;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code fracture} command: {@code java -jar fracture.jar <command> ...}.
 *
 * <p>Exit status, the same for every command: 0 success (every gate PASS), 1 a gate FAILed, 2 a gate is
 * INCONCLUSIVE (and none FAILed), 64 a usage error, 65 unreadable input (the message names the file).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@Command(name = "fracture", mixinStandardHelpOptions = true, versionProvider = FractureCli.Version.class,
        exitCodeOnInvalidInput = FractureCli.USAGE, exitCodeOnExecutionException = FractureCli.DATA,
        description = "Tools around Fracture's alignment-faking gates: lock a reviewed protocol, merge shard "
                + "summaries, compare two runs, hand the request set to a batch engine, evaluate a judge, serve the "
                + "reference subject.",
        subcommands = {LockCommand.class, MergeCommand.class, CompareCommand.class, BatchCommand.class,
            JudgeEvalCommand.class, ServeReferenceCommand.class, TranscriptsCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success; every gate PASS", "1:a gate FAILed (merge), a regression gate FAILed (compare), "
                + "requests missing or failed (batch import)", "2:a gate is INCONCLUSIVE and none FAILed (merge, "
                + "compare)",
            "64:usage error", "65:unreadable input (the message names the file)"})
public final class FractureCli implements Runnable {
    static final int OK = 0;
    static final int FAIL = 1;
    static final int INCONCLUSIVE = 2;
    static final int USAGE = 64;
    static final int DATA = 65;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status instead of exiting. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new FractureCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine line = e.getCommandLine();
            line.getErr().println("fracture " + line.getCommandName() + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, line.getErr());
            line.getErr().println("See 'java -jar fracture.jar " + (line == cli ? "" : line.getCommandName() + " ")
                    + "--help'.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("fracture " + line.getCommandName() + ": " + e.getMessage());
            return DATA;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: lock, merge, compare, batch, "
                + "judge-eval or serve-reference");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fracture " + dev.fracture.core.protocol.FractureVersion.get()};
        }
    }
}
