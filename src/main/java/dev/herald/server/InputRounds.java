package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.ClientChannel;
import dev.herald.feature.InputRequiredException;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.Methods;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client channel of a stateless request (2026-07-28 MRTR): the server never sends a request,
 * so each one a handler makes is answered from the retry's {@code inputResponses}, or the call ends
 * with an {@code input_required} result asking for it. A handler replays from the start on every
 * retry, so its n-th request of a kind always has the same key ({@code elicitation-1}, ...).
 * Used by one call's thread only.
 */
final class InputRounds implements ClientChannel {
    private static final Map<String, String> CAPABILITY = Map.of(
            Methods.ELICITATION_CREATE, "elicitation",
            Methods.SAMPLING_CREATE_MESSAGE, "sampling",
            Methods.ROOTS_LIST, "roots");

    private final Caller caller;
    private final JsonNode responses;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Object> asked = new LinkedHashMap<>();

    /** {@code responses} is the request's {@code inputResponses} object (empty if none). */
    InputRounds(Caller caller, JsonNode responses) {
        this.caller = caller;
        this.responses = responses;
    }

    @Override
    public Implementation info() {
        return caller.info();
    }

    @Override
    public JsonNode capabilities() {
        return caller.capabilities();
    }

    /**
     * The answer the retry brought for this request, or else {@link InputRequiredException} after
     * noting the request for the {@code input_required} result. {@code -32021} if the request
     * needs a capability the caller did not declare: without it the work cannot go on.
     */
    @Override
    public JsonNode request(String method, Object params, Duration timeout) {
        String capability = CAPABILITY.get(method);
        if (capability == null) {
            throw new IllegalArgumentException("Not a request a server may make of a client: " + method);
        }
        ObjectNode body = params == null ? null : Json.shared().valueToTree(params);
        String mode = body == null ? null : body.path("mode").asText("form");
        if (!caller.declares(capability) || (mode != null && method.equals(Methods.ELICITATION_CREATE) && !acceptsMode(mode))) {
            ObjectNode needed = Json.object();
            ObjectNode entry = needed.putObject(capability);
            if (mode != null && method.equals(Methods.ELICITATION_CREATE)) {
                entry.putObject(mode);
            }
            throw Modern.missingCapability(Map.of(capability, entry));
        }
        String key = capability + "-" + counts.merge(capability, 1, Integer::sum);
        JsonNode answer = responses.get(key);
        if (answer != null && answer.isObject()) {
            return answer;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        if (body != null) {
            request.put("params", body);
        }
        asked.put(key, request);
        throw new InputRequiredException();
    }

    /** An empty {@code elicitation} object accepts form mode only. */
    private boolean acceptsMode(String mode) {
        JsonNode modes = caller.capabilities().path("elicitation");
        return modes.has(mode) || (modes.isEmpty() && mode.equals("form"));
    }

    /** The requests the last round could not answer, by key, for the {@code input_required} result. */
    Map<String, Object> asked() {
        return asked;
    }
}
