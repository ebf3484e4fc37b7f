package dev.herald.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.protocol.Methods;
import java.util.Map;

/** One-line human summaries of notification params, for the recent-notifications resource. Stateless. */
final class Summaries {
    private static final int MAX = 120;

    private Summaries() {
        throw new AssertionError();
    }

    static String of(String method, Object params) {
        String text = switch (method) {
            case Methods.NOTIFICATIONS_MESSAGE -> field(params, "level") + " " + orEmpty(field(params, "logger")) + ": " + field(params, "data");
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

    private static String field(Object params, String name) {
        Object value = switch (params) {
            case Map<?, ?> map -> map.get(name);
            case JsonNode node -> node.get(name);
            case null, default -> null;
        };
        if (value instanceof JsonNode node) {
            return node.isTextual() ? node.textValue() : node.toString();
        }
        return value == null ? null : String.valueOf(value);
    }
}
