package dev.herald.jsonrpc;

/** The {@code error} member of a JSON-RPC error response. Immutable. {@code data} may be null. */
public record ErrorObject(int code, String message, Object data) {
    public ErrorObject {
        java.util.Objects.requireNonNull(message);
    }

    public static ErrorObject of(ErrorCode code, String message) {
        return new ErrorObject(code.code(), message, null);
    }
}
