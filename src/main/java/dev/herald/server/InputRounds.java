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
        ObjectNode body = params == null ? null : Json.shared().valueToTree(params);
        String capability = requireCapability(caller, method, body);
        String key = capability + "-" + counts.merge(capability, 1, Integer::sum);
        JsonNode answer = responses.get(key);
        if (answer != null && answer.isObject()) {
            return answer;
        }
        asked.put(key, inputRequest(method, body));
        throw new InputRequiredException();
    }

    /**
     * The capability a request to the client needs, if the caller declared it; otherwise
     * {@code -32021} naming it (for elicitation, with its mode: an empty object accepts form only).
     */
    static String requireCapability(Caller caller, String method, ObjectNode body) {
        String capability = CAPABILITY.get(method);
        if (capability == null) {
            throw new IllegalArgumentException("Not a request a server may make of a client: " + method);
        }
        boolean elicitation = method.equals(Methods.ELICITATION_CREATE);
        String mode = elicitation && body != null ? body.path("mode").asText("form") : null;
        JsonNode declared = caller.capabilities().path(capability);
        boolean modeAccepted = mode == null || declared.has(mode) || (declared.isEmpty() && mode.equals("form"));
        if (!caller.declares(capability) || !modeAccepted) {
            ObjectNode entry = Json.object();
            if (mode != null) {
                entry.putObject(mode);
            }
            throw Modern.missingCapability(Map.of(capability, entry));
        }
        return capability;
    }

    /** A request as an input request lists it: method and params, no JSON-RPC envelope. */
    static Map<String, Object> inputRequest(String method, ObjectNode body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        if (body != null) {
            request.put("params", body);
        }
        return request;
    }

    /** The requests the last round could not answer, by key, for the {@code input_required} result. */
    Map<String, Object> asked() {
        return asked;
    }
}
