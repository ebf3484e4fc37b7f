package dev.herald.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.event.Priority;
import dev.herald.hub.Hub;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Herald's event types: {@code herald.all} (every event) and {@code herald.<family>} for each
 * topic family the hub has seen in the last day. Both take the same arguments, {@code topics}
 * and {@code min_priority}. Stateless; safe on any thread.
 */
final class EventTypes {
    static final String ALL = "herald.all";
    static final String PREFIX = "herald.";

    private EventTypes() {
        throw new AssertionError();
    }

    static List<Map<String, Object>> describe(Set<String> families) {
        List<Map<String, Object>> types = new ArrayList<>();
        types.add(descriptor(ALL, "Every event published into Herald's hub for this session's inbox."));
        for (String family : families) {
            types.add(descriptor(PREFIX + family, "Herald events whose topic is " + family + " or " + family + "/…"));
        }
        return types;
    }

    private static Map<String, Object> descriptor(String name, String description) {
        return Map.of("name", name, "description", description, "delivery", List.of("poll", "push"),
                "inputSchema", inputSchema(), "payloadSchema", payloadSchema());
    }

    private static ObjectNode inputSchema() {
        ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode props = schema.putObject("properties");
        props.putObject("topics").put("type", "array").put("description", "Only these topics (a trailing * matches a prefix)")
                .putObject("items").put("type", "string");
        props.putObject("min_priority").put("type", "string").put("description", "Lowest priority delivered")
                .putArray("enum").add("low").add("normal").add("high").add("urgent");
        return schema;
    }

    private static ObjectNode payloadSchema() {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (String field : new String[] {"id", "topic", "priority", "title", "body", "sender", "time", "chatId", "replyTo"}) {
            props.putObject(field).put("type", "string");
        }
        props.putObject("data").put("type", "object");
        props.putObject("to").put("type", "array").putObject("items").put("type", "string");
        schema.putArray("required").add("id").add("topic").add("priority").add("body").add("sender").add("time");
        return schema;
    }

    /** Which events a subscription ({@code name}, {@code arguments}) delivers; {@code -32023} or {@code -32602} for a bad one. */
    static Predicate<Event> subscription(String name, JsonNode arguments) {
        if (name == null || !(name.equals(ALL) || name.startsWith(PREFIX) && name.length() > PREFIX.length())) {
            throw new RpcException(ErrorCode.EVENTS_NOT_FOUND, "NotFound", Map.of("kind", "event"));
        }
        String family = name.equals(ALL) ? null : name.substring(PREFIX.length());
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw RpcException.invalidParams("arguments must be an object");
        }
        Set<String> topics = new LinkedHashSet<>();
        Priority min = Priority.LOW;
        if (arguments != null && arguments.isObject()) {
            for (var it = arguments.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("topics") && !field.equals("min_priority")) {
                    throw RpcException.invalidParams("Unknown argument " + field + " (topics, min_priority)");
                }
            }
            JsonNode t = arguments.get("topics");
            if (t != null && !t.isNull()) {
                if (!t.isArray()) {
                    throw RpcException.invalidParams("arguments.topics must be an array of strings");
                }
                for (JsonNode topic : t) {
                    if (!topic.isTextual()) {
                        throw RpcException.invalidParams("arguments.topics must be an array of strings");
                    }
                    topics.add(topic.textValue());
                }
            }
            JsonNode p = arguments.get("min_priority");
            if (p != null && !p.isNull()) {
                min = p.isTextual() ? Priority.parse(p.textValue()) : null;
                if (min == null) {
                    throw RpcException.invalidParams("arguments.min_priority must be low, normal, high or urgent");
                }
            }
        }
        Priority lowest = min;
        return e -> (family == null || Hub.family(e.topic()).equals(family)) && e.priority().compareTo(lowest) >= 0
                && (topics.isEmpty() || topics.stream().anyMatch(t -> t.endsWith("*") ? e.topic().startsWith(t.substring(0, t.length() - 1))
                        : t.equals(e.topic())));
    }

    /** An event as an {@code EventOccurrence}: its id, type, time and the event itself as data. */
    static Map<String, Object> occurrence(String name, Event e) {
        return Map.of("eventId", e.idText(), "name", name, "timestamp", e.time().toString(), "data", e.toJson());
    }
}
