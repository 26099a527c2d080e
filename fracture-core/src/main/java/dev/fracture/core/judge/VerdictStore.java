package dev.fracture.core.judge;

import dev.fracture.core.Verdict;
import java.util.Optional;
import org.apiguardian.api.API;

/** Where {@link CachingJudge} keeps verdicts. Implementations must be thread-safe. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface VerdictStore {

    Optional<Verdict> get(VerdictKey key);

    void put(VerdictKey key, Verdict verdict);
}
