package dev.fracture.core.run;

import org.apiguardian.api.API;

/**
 * One train-simulation cue paraphrase: an id for reports and the system-prompt text.
 *
 * @param id a short stable name, e.g. {@code default} or {@code contractors}
 * @param text the system prompt sent in the TRAIN regime
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record TrainCue(String id, String text) {

    public TrainCue {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("train cue id must not be blank");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("train cue '" + id + "' has an empty text; a train cue is the system "
                    + "prompt that tells the model it is being trained");
        }
    }
}
