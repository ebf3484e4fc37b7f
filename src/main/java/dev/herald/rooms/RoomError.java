package dev.herald.rooms;

import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.RpcException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Why the hub refused a room operation. Each goes out as a JSON-RPC error with its code and
 * {@code data.reason} (the lower-case name); the tools show its message as an error result.
 */
enum RoomError {
    BAD_ROOM_ID(ErrorCode.INVALID_PARAMS),
    UNKNOWN_ROOM(ErrorCode.INVALID_PARAMS),
    NOT_A_MEMBER(ErrorCode.INVALID_PARAMS),
    PRIVATE_ROOM(ErrorCode.INVALID_PARAMS),
    ROOM_FULL(ErrorCode.INVALID_PARAMS),
    TOO_MANY_ROOMS(ErrorCode.INVALID_PARAMS),
    QUEUE_FULL(ErrorCode.INVALID_PARAMS),
    EMPTY_NAME(ErrorCode.INVALID_PARAMS),
    BAD_NAME(ErrorCode.INVALID_PARAMS),
    EMPTY_MESSAGE(ErrorCode.INVALID_PARAMS),
    MESSAGE_TOO_LARGE(ErrorCode.INVALID_PARAMS),
    RATE_LIMITED(ErrorCode.RATE_LIMITED);

    private final ErrorCode code;

    RoomError(ErrorCode code) {
        this.code = code;
    }

    String reason() {
        return name().toLowerCase(Locale.ROOT);
    }

    RpcException exception(String message) {
        return exception(message, Map.of());
    }

    /** The refusal, with {@code extra} added to its data (for example retryAfterMs). */
    RpcException exception(String message, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>(extra);
        data.put("reason", reason());
        return new RpcException(code, message, data);
    }
}
