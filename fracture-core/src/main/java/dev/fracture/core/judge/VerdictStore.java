package dev.fracture.core.judge;

import dev.fracture.core.Verdict;
import java.util.Optional;

/** Where {@link CachingJudge} keeps verdicts. Implementations must be thread-safe. */
public interface VerdictStore {

    Optional<Verdict> get(VerdictKey key);

    void put(VerdictKey key, Verdict verdict);
}
