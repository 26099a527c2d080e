package dev.fracture.core.reference.internal;

import dev.fracture.core.reference.Fault;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Numbers chat-completion requests in arrival order and decides, seeded, which of them fail. */
public final class FaultInjector {
    private final List<Fault> faults;
    private final long seed;
    private final AtomicLong arrivals = new AtomicLong();

    public FaultInjector(List<Fault> faults, long seed) {
        this.faults = List.copyOf(faults);
        this.seed = seed;
    }

    /** The 1-based number of the next request. */
    public long nextRequestNumber() {
        return arrivals.incrementAndGet();
    }

    public long arrivals() {
        return arrivals.get();
    }

    /** The fault for this request, if any: the first configured fault that fires. */
    public Optional<Fault> decide(long requestNumber) {
        for (int j = 0; j < faults.size(); j++) {
            Fault f = faults.get(j);
            if (requestNumber <= f.firstRequests()) {
                return Optional.of(f);
            }
            if (f.probability() > 0
                    && Seeds.uniform(Seeds.mix(seed ^ Seeds.mix(requestNumber * 31 + j))) < f.probability()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
