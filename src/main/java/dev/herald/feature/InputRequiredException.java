package dev.herald.feature;

/**
 * Thrown by a stateless client's {@link ClientChannel} when a handler asks for input the request
 * did not bring (2026-07-28 has no server-to-client requests): the request ends with an
 * {@code input_required} result naming what is needed, and the client retries with the answers.
 * Control flow, not a failure: handlers let it pass, as they do {@link InterruptedException}.
 */
public final class InputRequiredException extends RuntimeException {
    public InputRequiredException() {
        super("input required", null, false, false);
    }
}
