package dev.fracture.core.run;

import dev.fracture.core.FractureResult;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The outcome of one run: one {@link FractureResult} per train-cue paraphrase, in the order of the cues,
 * and the run's counters.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RunResult(List<FractureResult> results, RunStats stats) {

    public RunResult {
        results = List.copyOf(results);
    }

    /** The result of the first (usually the only, {@code default}) train cue. */
    public FractureResult result() {
        return results.get(0);
    }

    /** The result measured with the train cue of this id. */
    public FractureResult result(String cueId) {
        return results.stream().filter(r -> r.cue().equals(cueId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for train cue '" + cueId + "'; cues: "
                        + results.stream().map(FractureResult::cue).toList()));
    }
}
