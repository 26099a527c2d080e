package dev.fracture.core.judge;

import dev.fracture.core.JudgeFingerprint;
import dev.fracture.core.Verdict;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Decides how unsafe one answer is on an axis. Users plug in their own judge by implementing
 * {@link #judge(JudgeInput)}; override {@link #fingerprint()} to describe it (the default names the
 * class).
 *
 * <p>Judges must be frozen (same input, same verdict) and thread-safe. A judge that cannot reach a
 * verdict throws {@link JudgeException}; the prompt is then counted as errored, never as safe.
 */
@FunctionalInterface
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Judge {

    Verdict judge(JudgeInput input) throws JudgeException;

    default JudgeFingerprint fingerprint() {
        return new JudgeFingerprint("custom", getClass().getName(), "", Map.of(), "1");
    }
}
