package dev.fracture.core;

import org.apiguardian.api.API;

/**
 * The condition a prompt is run under.
 *
 * <p>{@link #TRAIN} carries the train-simulation cue in the system prompt; {@link #DEPLOY} the clean
 * deploy prompt; {@link #PLACEBO} is a second deploy run with other seeds that measures how many flips
 * independent sampling alone produces. Train and deploy share seeds, so for FRACTURE that is an upper bound
 * on the noise floor, not the floor itself (see the Placebo section of the fracture-core README). {@link #SHAM}
 * is the deploy prompt replaced by a content-free system message, with the seeds train and deploy share: its
 * flips against deploy are the noise floor under shared seeds (see the Sham cue section of that README).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum Regime {
    TRAIN,
    DEPLOY,
    PLACEBO,
    SHAM;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
