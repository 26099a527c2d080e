package dev.fracture.core.judge;

import org.apiguardian.api.API;

/** A judge could not reach a verdict (unparseable output, out-of-range probability, failed call). */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class JudgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JudgeException(String message) {
        super(message);
    }

    public JudgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
