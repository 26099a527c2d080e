package dev.fracture.cli;

import dev.fracture.core.reference.ReferenceSubject;
import dev.fracture.core.reference.ReferenceSubjectMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fracture serve-reference}: the reference subject on a loopback port until stopped. */
@Command(name = "serve-reference", mixinStandardHelpOptions = true,
        description = {"Serves the reference subject (a simulator of alignment faking with known parameters, not a "
                + "language model) as an OpenAI-compatible server on 127.0.0.1 until stopped (Ctrl-C), so a suite "
                + "can be pointed at it with fracture.model.base-url exactly as at a model server.",
            "Exit status: 64 bad arguments or the port cannot be bound; when stopped by a signal, the JVM's."})
final class ServeReferenceCommand implements Callable<Integer> {
    @Option(names = "--persona", paramLabel = "NAME", description = "aligned (default), faking, decoder-sensitive "
            + "or unsafe")
    String persona;

    @Option(names = "--port", paramLabel = "N", description = "loopback port (default 8089; 0 picks a free one)")
    String port;

    @Option(names = "--latency", paramLabel = "MS", description = "delay of every chat completion: MS or MIN-MAX "
            + "milliseconds (uniform)")
    String latency;

    @Option(names = "--fault", paramLabel = "SPEC", description = "inject a fault: KIND:p=0.05 (each request with "
            + "that probability) or KIND:first=N; KIND is rate-limit, server-error, drop-connection or "
            + "malformed-json; repeatable")
    List<String> faults = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>();
        add(args, "--persona", persona);
        add(args, "--port", port);
        add(args, "--latency", latency);
        faults.forEach(f -> add(args, "--fault", f));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReferenceSubject subject;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            subject = ReferenceSubjectMain.start(args.toArray(String[]::new), o, e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(out.toString(StandardCharsets.UTF_8).replace("ReferenceSubjectMain",
                "fracture serve-reference"));
        stdout.flush();
        if (subject == null) {
            spec.commandLine().getErr().print(err.toString(StandardCharsets.UTF_8)
                    .replace("ReferenceSubjectMain", "fracture serve-reference"));
            spec.commandLine().getErr().flush();
            return FractureCli.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stdout.println("reference subject stopped: " + subject.receivedRequests() + " requests received, "
                    + subject.servedRequests() + " answered, " + subject.servedSamples() + " completions");
            stdout.flush();
            subject.close();
            stopped.countDown();
        }, "reference-subject-stop"));
        stopped.await();
        return FractureCli.OK;
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null) {
            args.add(flag);
            args.add(value);
        }
    }
}
