package dev.herald.jsonrpc;

/**
 * Every error code Herald puts on the wire. No error leaves without one of these.
 * JSON-RPC 2.0 codes plus the MCP codes of both eras (mcp-spec-notes §12).
 */
public enum ErrorCode {
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    /** MCP resource not found (handshake era; data carries the uri). */
    RESOURCE_NOT_FOUND(-32002),
    /** 2026-07-28: the request needs a client capability it did not declare; data names it. */
    MISSING_REQUIRED_CLIENT_CAPABILITY(-32021),
    /** 2026-07-28: the request's protocol version is not served; data lists the supported ones. */
    UNSUPPORTED_PROTOCOL_VERSION(-32022),
    /** Events extension (SEP-3415 draft numbering): no such event type; data {kind}. */
    EVENTS_NOT_FOUND(-32023),
    /** Hub socket: the sender is over its rate limit; data carries retryAfterMs. */
    RATE_LIMITED(-32040),
    /** Hub socket: the journal could not store the event, so nothing was acknowledged. */
    NOT_STORED(-32041);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
