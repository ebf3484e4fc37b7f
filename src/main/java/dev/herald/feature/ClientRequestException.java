package dev.herald.feature;

/** A server-to-client request that produced no result: why, and the client's error code if it sent one. */
public final class ClientRequestException extends Exception {
    /** Why no result came back. */
    public enum Reason { UNSUPPORTED, CLIENT_ERROR, TIMEOUT, CLOSED }

    private final Reason reason;
    private final Integer code;

    public ClientRequestException(Reason reason, Integer code, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** The JSON-RPC error code the client answered with, or null. */
    public Integer code() {
        return code;
    }
}
