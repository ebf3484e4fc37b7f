package dev.herald.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.protocol.Methods;
import dev.herald.jsonrpc.Json;

/** One-line human summaries of notification params, for the recent-notifications resource. Stateless. */
final class Summaries {
    private static final int MAX = 120;

    private Summaries() {
        throw new AssertionError();
    }

    static String of(String method, Object params) {
        String text = switch (method) {
            case Methods.NOTIFICATIONS_MESSAGE -> field(params, "level") + orEmpty(field(params, "logger") == null ? null : " " + field(params, "logger"))
                    + ": " + field(params, "data");
            case Methods.NOTIFICATIONS_PROGRESS -> "progress " + field(params, "progress")
                    + orEmpty(field(params, "total") == null ? null : "/" + field(params, "total"))
                    + orEmpty(field(params, "message") == null ? null : " " + field(params, "message"));
            case Methods.NOTIFICATIONS_RESOURCES_UPDATED -> "updated " + field(params, "uri");
            default -> method.substring(method.indexOf('/') + 1);
        };
        return text.length() > MAX ? text.substring(0, MAX - 3) + "..." : text;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** One field of the params, whatever their form (record, map or tree), as text; null if absent. */
    private static String field(Object params, String name) {
        if (params == null) {
            return null;
        }
        JsonNode tree = params instanceof JsonNode node ? node : Json.shared().valueToTree(params);
        JsonNode value = tree.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
