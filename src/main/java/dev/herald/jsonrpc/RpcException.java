package dev.herald.jsonrpc;

/**
 * A failure that becomes a JSON-RPC error response. Thrown by handlers on any thread; carries no
 * stack trace because it is control flow, not a bug. The message goes to the client as is, so it
 * must say what failed, never how (no paths, no exception dumps).
 */
public final class RpcException extends RuntimeException {
    private final ErrorCode code;
    private final transient Object data;

    public RpcException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RpcException(ErrorCode code, String message, Object data) {
        super(message, null, false, false);
        this.code = java.util.Objects.requireNonNull(code);
        this.data = data;
    }

    public ErrorCode code() {
        return code;
    }

    public Object data() {
        return data;
    }

    public static RpcException invalidParams(String message) {
        return new RpcException(ErrorCode.INVALID_PARAMS, message);
    }

    /** The wire form of this error. */
    public ErrorObject toError() {
        return new ErrorObject(code.code(), getMessage(), data);
    }
}
