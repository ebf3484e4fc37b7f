package dev.herald.hub;

import com.fasterxml.jackson.databind.JsonNode;

/** The hub refused a request, or could not be reached in time; {@code code} is the JSON-RPC error code (0 when unreachable). */
public final class HubException extends Exception {
    private final int code;
    private final transient JsonNode data;

    public HubException(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }
}
