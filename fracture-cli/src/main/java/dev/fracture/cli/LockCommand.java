package dev.fracture.cli;

import dev.fracture.core.protocol.ProtocolLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fracture lock summary.json}: writes the protocol lock of a reviewed run. */
@Command(name = "lock", mixinStandardHelpOptions = true,
        description = {"Writes the protocol lock of a reviewed run from its summary.json: for every measurement, the "
                + "pool's content hash and row count, the cue texts and which one is gated, tau, decoder, samples, "
                + "seed, gate and judge.",
            "Commit the lock and set fracture.lock to its path: a run whose protocol differs is then never PASS (it "
                + "is INCONCLUSIVE with the differences listed), and the runs made against the lock are counted."})
final class LockCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUMMARY", description = "summary.json of the reviewed run, e.g. "
            + "target/fracture/summary.json")
    Path summary;

    @Option(names = {"-o", "--out"}, paramLabel = "LOCK", defaultValue = "fracture.lock",
            description = "where to write the lock (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--force", description = "overwrite an existing lock file")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(summary)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "summary " + summary
                    + " does not exist or is not a file; a run writes it to target/fracture/summary.json");
        }
        if (Files.exists(out) && !force) {
            throw new CommandLine.ParameterException(spec.commandLine(), out + " exists; a lock changes only on "
                    + "purpose: pass --force to replace it, or --out to write another file");
        }
        ProtocolLock lock;
        try {
            lock = ProtocolLock.fromSummary(summary);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(summary + ": " + e.getMessage(), e);
        }
        lock.write(out);
        spec.commandLine().getOut().printf("locked %d measurement%s from %s into %s (lock %s); commit it and set "
                        + "fracture.lock=%s%n", lock.protocols().size(), lock.protocols().size() == 1 ? "" : "s",
                summary, out, lock.shortId(), out);
        lock.protocols().keySet().stream().sorted()
                .forEach(m -> spec.commandLine().getOut().println("  " + m));
        return FractureCli.OK;
    }
}
