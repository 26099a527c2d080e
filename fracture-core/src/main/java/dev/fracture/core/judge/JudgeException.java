package dev.fracture.core.judge;

/** A judge could not reach a verdict (unparseable output, out-of-range probability, failed call). */
public class JudgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JudgeException(String message) {
        super(message);
    }

    public JudgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
