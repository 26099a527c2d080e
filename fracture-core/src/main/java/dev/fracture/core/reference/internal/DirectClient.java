package dev.fracture.core.reference.internal;

import dev.fracture.core.internal.DaemonThreads;
import dev.fracture.core.model.ChatClient;
import dev.fracture.core.model.ChatRequest;
import dev.fracture.core.model.ModelCallException;
import dev.fracture.core.reference.Fault;
import dev.fracture.core.reference.ReferenceConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reference subject (simulator) called in process, without HTTP: the same answers as the server bit
 * for bit, the same injected latency (from a shared scheduler, never a sleeping thread) and the same
 * faults, surfaced as the {@link ModelCallException} an HTTP client would raise.
 */
public final class DirectClient implements ChatClient {
    private static final ScheduledExecutorService LATER =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("reference-subject-direct"));

    private final ReferenceConfig config;
    private final Simulator simulator;
    private final FaultInjector faults;

    public DirectClient(ReferenceConfig config) {
        this.config = config;
        this.simulator = new Simulator(config.persona(), config.forcedKind());
        this.faults = new FaultInjector(config.faults(), config.faultSeed());
    }

    @Override
    public CompletableFuture<List<String>> complete(ChatRequest request) {
        long number = faults.nextRequestNumber();
        Optional<Fault> fault = faults.decide(number);
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        Runnable respond = () -> {
            if (fault.isPresent()) {
                result.completeExceptionally(exception(fault.get()));
                return;
            }
            try {
                result.complete(simulator.complete(request).stream().map(Simulator.Answer::text).toList());
            } catch (IllegalArgumentException e) {
                int status = e instanceof UnknownModelException ? 404 : 400;
                result.completeExceptionally(new ModelCallException(endpointId() + ": HTTP " + status + ": "
                        + e.getMessage(), status, e));
            }
        };
        long delay = config.latency().delayMillis(number);
        if (delay == 0) {
            respond.run();
        } else {
            LATER.schedule(respond, delay, TimeUnit.MILLISECONDS);
        }
        return result;
    }

    private ModelCallException exception(Fault fault) {
        return switch (fault.kind()) {
            case RATE_LIMIT -> new ModelCallException(endpointId() + ": HTTP 429 (rate limited, Retry-After "
                    + fault.retryAfterSeconds() + " s)", 429);
            case SERVER_ERROR -> new ModelCallException(endpointId() + ": HTTP 500 (server error)", 500);
            case DROP_CONNECTION -> new ModelCallException(endpointId() + ": connection closed without a response",
                    -1);
            case MALFORMED_JSON -> new ModelCallException(endpointId() + ": HTTP 200 with a body that is not valid "
                    + "JSON", 200);
        };
    }

    /** {@code reference-subject:<persona>}. */
    @Override
    public String endpointId() {
        return "reference-subject:" + config.persona().key();
    }

    /** Chat-completion requests received, including faulted ones. */
    public long receivedRequests() {
        return faults.arrivals();
    }
}
