package dev.fracture.core.reference;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Configuration of the reference subject (simulator) and of its in-process client.
 *
 * @param persona the persona served when the request's {@code model} names none
 * @param forcedKind when present, every prompt is treated as this kind instead of
 *                   {@link PromptKind#classify(String)}
 * @param latency injected latency per chat-completion request
 * @param faults injected faults, checked in order; the first that fires wins
 * @param faultSeed the seed of probabilistic faults
 * @param port the loopback port; 0 picks a free ephemeral port
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ReferenceConfig(Persona persona, Optional<PromptKind> forcedKind, Latency latency, List<Fault> faults,
                              long faultSeed, int port) {

    public ReferenceConfig {
        if (persona == null) {
            throw new IllegalArgumentException("reference persona must not be null; allowed: aligned, faking, "
                    + "decoder-sensitive, unsafe");
        }
        forcedKind = forcedKind == null ? Optional.empty() : forcedKind;
        latency = latency == null ? Latency.none() : latency;
        faults = faults == null ? List.of() : List.copyOf(faults);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port = " + port + " is outside the allowed range [0, 65535]");
        }
    }

    /** The persona with no latency, no faults, the kind read from the prompt and an ephemeral port. */
    public static ReferenceConfig of(Persona persona) {
        return new ReferenceConfig(persona, Optional.empty(), Latency.none(), List.of(), 0, 0);
    }

    public ReferenceConfig withForcedKind(PromptKind kind) {
        return new ReferenceConfig(persona, Optional.of(kind), latency, faults, faultSeed, port);
    }

    public ReferenceConfig withLatency(Latency value) {
        return new ReferenceConfig(persona, forcedKind, value, faults, faultSeed, port);
    }

    public ReferenceConfig withFaults(long seed, Fault... value) {
        return new ReferenceConfig(persona, forcedKind, latency, List.of(value), seed, port);
    }

    public ReferenceConfig withPort(int value) {
        return new ReferenceConfig(persona, forcedKind, latency, faults, faultSeed, value);
    }
}
