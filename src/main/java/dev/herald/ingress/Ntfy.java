package dev.herald.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.herald.event.Priority;
import dev.herald.jsonrpc.Json;
import java.util.Locale;
import java.util.Map;

/**
 * ntfy's publishing conventions: Title/X-Title, Priority/X-Priority and Tags/X-Tags headers, or
 * the {@code title}, {@code priority} and {@code tags} query parameters (a header wins, as in
 * ntfy). Pure functions on the request's thread.
 */
final class Ntfy {
    /** A publish's metadata from its headers and query. */
    record Meta(String title, Priority priority, ArrayNode tags) {}

    private Ntfy() {
        throw new AssertionError();
    }

    static Meta meta(HttpExchange x, Map<String, String> query) throws Refusal {
        String title = first(Http.header(x, "Title", "X-Title"), query.get("title"));
        String priorityText = first(Http.header(x, "Priority", "X-Priority"), query.get("priority"));
        String tagsText = first(Http.header(x, "Tags", "X-Tags"), query.get("tags"));
        Priority priority = null;
        if (priorityText != null && !priorityText.isBlank()) {
            priority = priority(priorityText);
            if (priority == null) {
                throw Refusal.of(Failure.BAD_REQUEST, "unknown priority " + Summary.clip(priorityText)
                        + " (1-5, min, low, default, high, urgent or max)");
            }
        }
        ArrayNode tags = null;
        if (tagsText != null) {
            for (String tag : tagsText.split(",")) {
                if (!tag.isBlank()) {
                    if (tags == null) {
                        tags = Json.object().arrayNode();
                    }
                    tags.add(tag.trim());
                }
            }
        }
        return new Meta(title, priority, tags);
    }

    /** ntfy's five levels onto Herald's four: 1 and 2 are low, 3 normal, 4 high, 5 urgent. */
    static Priority priority(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "min", "2", "low" -> Priority.LOW;
            case "3", "default", "normal" -> Priority.NORMAL;
            case "4", "high" -> Priority.HIGH;
            case "5", "urgent", "max" -> Priority.URGENT;
            default -> null;
        };
    }

    /** The event's data: the JSON payload under {@code payload} (if any), the tags under {@code tags} (if any); null if neither. */
    static ObjectNode data(Meta meta, ObjectNode base) {
        if (meta.tags() == null) {
            return base;
        }
        ObjectNode data = base == null ? Json.object() : base;
        data.set("tags", meta.tags());
        return data;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
