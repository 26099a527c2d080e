package dev.fracture.core.reference.internal;

import dev.fracture.core.internal.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.reference.Fault;
import dev.fracture.core.reference.ReferenceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP front of the reference subject (simulator) on the JDK's {@code HttpServer}, bound to loopback.
 *
 * <p>A handler thread parses the request and computes the answer at once; the response is written later
 * from a scheduler when latency is injected, so no thread sleeps and many slow requests stay cheap.
 */
public final class SimulatorServer implements AutoCloseable {
    private static final int HANDLER_THREADS = 4;
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes headers and body separately; with Nagle on, each response then waits for the
        // client's delayed ACK (about 40 ms on Linux). The flag is read once, when the first server starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private final ReferenceConfig config;
    private final Simulator simulator;
    private final FaultInjector faults;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService responder;
    private final AtomicLong servedRequests = new AtomicLong();
    private final AtomicLong servedSamples = new AtomicLong();

    public SimulatorServer(ReferenceConfig config) {
        this.config = config;
        this.simulator = new Simulator(config.persona(), config.forcedKind());
        this.faults = new FaultInjector(config.faults(), config.faultSeed());
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, new DaemonThreads("reference-subject-http"));
        this.responder = Executors.newScheduledThreadPool(1, new DaemonThreads("reference-subject-latency"));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 256);
        } catch (IOException e) {
            handlers.shutdownNow();
            responder.shutdownNow();
            throw new UncheckedIOException("cannot bind the reference subject (simulator) to 127.0.0.1:"
                    + config.port() + "; pick another port or use 0 for a free one", e);
        }
        server.setExecutor(handlers);
        server.createContext("/v1/chat/completions", this::completions);
        server.createContext("/v1/models", this::models);
        server.createContext("/", ex -> send(ex, 404, WireFormat.error("no route " + ex.getRequestURI().getPath()
                + "; the reference subject (simulator) serves POST /v1/chat/completions and GET /v1/models",
                "invalid_request_error", "not_found")));
        startAsDaemon(server);
    }

    /**
     * Starts the server from a daemon thread: the JDK server's dispatcher thread inherits its creator's daemon
     * status and cannot be set otherwise, and a non-daemon dispatcher keeps the JVM alive when a run ends without
     * closing the subject (an OutOfMemoryError, a forgotten close).
     */
    private static void startAsDaemon(HttpServer server) {
        Thread starter = new Thread(server::start, "reference-subject-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new IllegalStateException("interrupted while starting the reference subject (simulator)", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long receivedRequests() {
        return faults.arrivals();
    }

    public long servedRequests() {
        return servedRequests.get();
    }

    public long servedSamples() {
        return servedSamples.get();
    }

    private void models(HttpExchange ex) {
        if (!ex.getRequestMethod().equals("GET")) {
            send(ex, 405, WireFormat.error("use GET /v1/models", "invalid_request_error", "method_not_allowed"));
            return;
        }
        send(ex, 200, WireFormat.models());
    }

    private void completions(HttpExchange ex) {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            ex.close();
            return;
        }
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 405, WireFormat.error("use POST /v1/chat/completions", "invalid_request_error",
                    "method_not_allowed"));
            return;
        }
        long number = faults.nextRequestNumber();
        Optional<Fault> fault = faults.decide(number);
        Runnable respond = fault.isPresent() ? () -> fail(ex, fault.get()) : answer(ex, body, number);
        long delay = config.latency().delayMillis(number);
        if (delay == 0) {
            respond.run();
        } else {
            responder.schedule(respond, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Computes the answer now (on the handler thread) and returns the write, to run now or later. */
    private Runnable answer(HttpExchange ex, byte[] body, long number) {
        try {
            ChatRequest request = WireFormat.parseRequest(body);
            List<Simulator.Answer> answers = simulator.complete(request);
            byte[] json = WireFormat.completion("chatcmpl-sim-" + number, request.model(), request, answers);
            return () -> {
                servedRequests.incrementAndGet();
                servedSamples.addAndGet(answers.size());
                send(ex, 200, json);
            };
        } catch (UnknownModelException e) {
            byte[] json = WireFormat.error(e.getMessage(), "invalid_request_error", "model_not_found");
            return () -> send(ex, 404, json);
        } catch (IllegalArgumentException e) {
            byte[] json = WireFormat.error(e.getMessage(), "invalid_request_error", "invalid_request");
            return () -> send(ex, 400, json);
        }
    }

    private static void fail(HttpExchange ex, Fault fault) {
        switch (fault.kind()) {
            case RATE_LIMIT -> {
                ex.getResponseHeaders().set("Retry-After", Long.toString(fault.retryAfterSeconds()));
                send(ex, 429, WireFormat.error("rate limit injected by the reference subject (simulator)",
                        "rate_limit_error", "rate_limit_exceeded"));
            }
            case SERVER_ERROR -> send(ex, 500, WireFormat.error("server error injected by the reference subject "
                    + "(simulator)", "server_error", "internal_error"));
            case DROP_CONNECTION -> ex.close(); // no headers sent: the JDK server closes the connection
            case MALFORMED_JSON -> send(ex, 200, WireFormat.malformed());
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        responder.shutdownNow();
        handlers.shutdownNow();
    }
}
