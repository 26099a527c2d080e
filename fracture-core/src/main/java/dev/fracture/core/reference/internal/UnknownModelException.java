package dev.fracture.core.reference.internal;

/** The {@code model} field names a persona the reference subject (simulator) does not have. */
public final class UnknownModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownModelException(String message) {
        super(message);
    }
}
