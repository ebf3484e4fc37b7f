package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Strict readers for request params: a missing or mistyped field is {@code -32602} naming it. Stateless. */
final class Params {
    private Params() {
        throw new AssertionError();
    }

    static String requiredString(ObjectNode params, String name) {
        String value = optionalString(params, name);
        if (value == null) {
            throw RpcException.invalidParams("Missing required parameter: " + name);
        }
        return value;
    }

    static String optionalString(ObjectNode params, String name) {
        JsonNode value = params == null ? null : params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RpcException.invalidParams("Parameter " + name + " must be a string");
        }
        return value.textValue();
    }

    static ObjectNode optionalObject(ObjectNode params, String name) {
        JsonNode value = params == null ? null : params.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw RpcException.invalidParams("Parameter " + name + " must be an object");
        }
        return (ObjectNode) value;
    }

    static ObjectNode requiredObject(ObjectNode params, String name) {
        ObjectNode value = optionalObject(params, name);
        if (value == null) {
            throw RpcException.invalidParams("Missing required parameter: " + name);
        }
        return value;
    }

    /** An object whose values must all be strings (prompt arguments, completion context). */
    static Map<String, String> stringMap(ObjectNode params, String name) {
        ObjectNode object = optionalObject(params, name);
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (!e.getValue().isTextual()) {
                    throw RpcException.invalidParams("Parameter " + name + "." + e.getKey() + " must be a string");
                }
                map.put(e.getKey(), e.getValue().textValue());
            }
        }
        return map;
    }

    static ObjectNode objectOrEmpty(ObjectNode params, String name) {
        ObjectNode value = optionalObject(params, name);
        return value == null ? Json.object() : value;
    }

    /**
     * {@code _meta.progressToken} when it is a string or an integer (what a request id may be,
     * and what echoes back with its type intact), else null: no progress for this request.
     */
    static JsonNode progressToken(ObjectNode params) {
        JsonNode token = params == null ? null : params.path("_meta").get("progressToken");
        return token != null && (token.isTextual() || token.isIntegralNumber()) ? token : null;
    }

    /** The strings of array {@code name}, or null when the params have no such array (a notification: no error to send). */
    static java.util.Set<String> stringSet(ObjectNode params, String name) {
        JsonNode array = params == null ? null : params.get(name);
        if (array == null || !array.isArray()) {
            return null;
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        array.forEach(n -> {
            if (n.isTextual()) {
                out.add(n.textValue());
            }
        });
        return out;
    }
}
