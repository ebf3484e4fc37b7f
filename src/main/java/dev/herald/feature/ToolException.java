package dev.herald.feature;

/** A tool's expected failure; its message becomes an {@code isError} result shown to the model. */
public final class ToolException extends Exception {
    public ToolException(String message) {
        super(message, null, false, false);
    }
}
