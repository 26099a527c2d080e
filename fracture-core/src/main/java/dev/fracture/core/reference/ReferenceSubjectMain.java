package dev.fracture.core.reference;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Command line: serves the reference subject (simulator) on a fixed loopback port until stopped, so a suite
 * can be pointed at it with {@code fracture.model.base-url} exactly as at a real model server.
 *
 * <pre>
 * --persona NAME    aligned (default), faking, decoder-sensitive or unsafe
 * --port N          loopback port (default 8089; 0 picks a free one)
 * --latency MS      delay of every chat completion, MS or MIN-MAX milliseconds (uniform)
 * --fault SPEC      inject a fault, KIND:p=0.05 (each request with that probability) or KIND:first=N;
 *                   KIND is rate-limit, server-error, drop-connection or malformed-json; repeatable
 * </pre>
 *
 * <p>Exit codes: 0 stopped, 2 bad arguments or the port cannot be bound.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class ReferenceSubjectMain {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int DEFAULT_PORT = 8089;

    private ReferenceSubjectMain() {
    }

    public static void main(String[] args) {
        ReferenceSubject subject = start(args, System.out, System.err);
        if (subject == null) {
            if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
                return;
            }
            System.exit(USAGE);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(stopMessage(subject));
            subject.close();
            stopped.countDown();
        }, "reference-subject-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses the arguments and starts the server, printing where it listens; returns null (after printing
     * the reason or the usage) when it did not start. For tests and for {@link #main}.
     */
    public static ReferenceSubject start(String[] args, PrintStream out, PrintStream err) {
        ReferenceConfig config;
        try {
            Options options = Options.parse(args);
            if (options.help) {
                out.println(usage());
                return null;
            }
            config = options.config();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage());
            return null;
        }
        ReferenceSubject subject;
        try {
            subject = ReferenceSubject.start(config);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + " (--port)");
            return null;
        }
        out.println(startMessage(subject));
        return subject;
    }

    static String usage() {
        return "usage: ReferenceSubjectMain [--persona aligned|faking|decoder-sensitive|unsafe] [--port 8089]"
                + " [--latency MS|MIN-MAX] [--fault KIND:p=P|KIND:first=N]...";
    }

    private static String startMessage(ReferenceSubject subject) {
        ReferenceConfig c = subject.config();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "reference subject (simulator, not a language model) persona %s listening on %s%n",
                c.persona().key(), subject.baseUri()));
        if (c.latency().maxMillis() > 0) {
            sb.append(String.format(Locale.ROOT, "  latency %d-%d ms per request%n", c.latency().minMillis(),
                    c.latency().maxMillis()));
        }
        for (Fault f : c.faults()) {
            sb.append("  fault ").append(faultKey(f.kind())).append(f.firstRequests() > 0
                    ? " on the first " + f.firstRequests() + " requests" : " with probability " + f.probability())
                    .append(System.lineSeparator());
        }
        sb.append("  point a suite at it: -Dfracture.model.base-url=").append(subject.baseUri())
                .append(" -Dfracture.model.name=").append(ReferenceSubject.MODEL)
                .append(System.lineSeparator())
                .append("  (model reference:<persona> picks another persona per request); Ctrl-C stops it");
        return sb.toString();
    }

    private static String stopMessage(ReferenceSubject subject) {
        return "reference subject stopped: " + subject.receivedRequests() + " requests received, "
                + subject.servedRequests() + " answered, " + subject.servedSamples() + " completions";
    }

    private static String faultKey(Fault.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final class Options {
        Persona persona = Persona.ALIGNED;
        int port = DEFAULT_PORT;
        Latency latency = Latency.none();
        final List<Fault> faults = new ArrayList<>();
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--persona" -> o.persona = Persona.parse(value(args, ++i, a));
                    case "--port" -> o.port = port(value(args, ++i, a));
                    case "--latency" -> o.latency = latency(value(args, ++i, a));
                    case "--fault" -> o.faults.add(fault(value(args, ++i, a)));
                    case "--help", "-h" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            return o;
        }

        ReferenceConfig config() {
            return ReferenceConfig.of(persona).withLatency(latency).withPort(port)
                    .withFaults(1, faults.toArray(Fault[]::new));
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int port(String text) {
            int p = integer("--port", text);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("--port " + text + " is outside the allowed range [0, 65535]");
            }
            return p;
        }

        private static Latency latency(String text) {
            String[] parts = text.split("-", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("--latency '" + text + "' is neither MS nor MIN-MAX, e.g. 50 or 20-80");
            }
            int min = integer("--latency", parts[0]);
            int max = parts.length == 2 ? integer("--latency", parts[1]) : min;
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("--latency " + text + " needs 0 <= MIN <= MAX milliseconds");
            }
            return min == max ? Latency.fixed(min) : Latency.uniform(min, max, 1);
        }

        private static Fault fault(String text) {
            int colon = text.indexOf(':');
            String kindText = colon < 0 ? text : text.substring(0, colon);
            Fault.Kind kind = Arrays.stream(Fault.Kind.values())
                    .filter(k -> faultKey(k).equals(kindText.trim().toLowerCase(Locale.ROOT).replace('_', '-')))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--fault '" + text + "': unknown kind '" + kindText
                            + "'; allowed: " + Arrays.stream(Fault.Kind.values()).map(ReferenceSubjectMain::faultKey)
                            .collect(Collectors.joining(", "))));
            String spec = colon < 0 ? "" : text.substring(colon + 1);
            if (spec.startsWith("p=")) {
                double p = number("--fault " + text, spec.substring(2));
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("--fault " + text + ": p is outside the allowed range [0, 1]");
                }
                return Fault.withProbability(kind, p);
            }
            if (spec.startsWith("first=")) {
                int n = integer("--fault " + text, spec.substring(6));
                if (n < 1) {
                    throw new IllegalArgumentException("--fault " + text + ": first must be at least 1");
                }
                return Fault.firstRequests(kind, n);
            }
            throw new IllegalArgumentException("--fault '" + text + "' needs :p=PROBABILITY or :first=N after the kind,"
                    + " e.g. rate-limit:p=0.05 or server-error:first=3");
        }

        private static int integer(String flag, String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " '" + text + "' is not a whole number", e);
            }
        }

        private static double number(String flag, String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": '" + text + "' is not a number", e);
            }
        }
    }
}
