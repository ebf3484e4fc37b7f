package dev.herald.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A published event, as the journal keeps it and sessions receive it. Immutable.
 *
 * @param id     unique, increasing with arrival (see {@link EventId})
 * @param sender who published it: {@code cli:<user>}, {@code session:<id>}, {@code webhook:<source>} (a signed
 *               webhook), {@code http:token} (the HTTP listener's bearer token)
 * @param nonce  the publisher's own key for a resend after a lost acknowledgement; never shown to sessions
 * @param chat   true if the event opened a chat: it can be answered, with its id as the chat id
 * @param replyTo the chat this event answers, or null
 */
public record Event(long id, String topic, Priority priority, String title, String body, ObjectNode data, String sender,
        Instant time, String dedupKey, List<String> to, String nonce, boolean chat, String replyTo) {

    public Event {
        to = List.copyOf(to);
    }

    /** A draft as stored: the hub's id, time and sender around the publisher's fields. */
    public static Event of(long id, Instant time, String sender, Draft d, String nonce) {
        return new Event(id, d.topic(), d.priority(), d.title(), d.body(), d.data(), sender, time, d.dedupKey(), d.to(), nonce,
                d.openChat(), d.replyTo());
    }

    public String idText() {
        return EventId.format(id);
    }

    /** True if an event for {@code to} reaches inbox {@code inbox}: no list means every inbox. */
    public boolean addressedTo(String inbox) {
        return to.isEmpty() || to.contains(inbox);
    }

    /** The public JSON form: id, topic, priority, title, body, sender, time, data, and to and dedupKey when set. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("id", idText());
        node.put("topic", topic);
        node.put("priority", priority.wire());
        node.put("title", title); // null when absent: a reader sees the field either way
        node.put("body", body);
        node.put("sender", sender);
        node.put("time", time.toString());
        node.set("data", data == null ? Json.object() : data);
        if (!to.isEmpty()) {
            ArrayNode inboxes = node.putArray("to");
            to.forEach(inboxes::add);
        }
        if (dedupKey != null) {
            node.put("dedupKey", dedupKey);
        }
        if (chat) {
            node.put("chatId", idText());
        }
        if (replyTo != null) {
            node.put("replyTo", replyTo);
        }
        return node;
    }

    /** The journal's form: the public one plus the nonce. */
    public ObjectNode toStored() {
        ObjectNode node = toJson();
        if (nonce != null) {
            node.put("nonce", nonce);
        }
        return node;
    }

    /** Reads either form back; null if the node is not an event (a damaged journal line). */
    public static Event fromJson(JsonNode node) {
        long id = EventId.parse(node.path("id").textValue());
        Priority priority = Priority.parse(node.path("priority").textValue());
        String body = node.path("body").textValue();
        Instant time;
        try {
            time = Instant.parse(node.path("time").asText(""));
        } catch (RuntimeException e) {
            return null;
        }
        if (id < 0 || priority == null || body == null || !node.path("topic").isTextual() || !node.path("sender").isTextual()) {
            return null;
        }
        List<String> to = new ArrayList<>();
        node.path("to").forEach(n -> to.add(n.asText()));
        JsonNode data = node.get("data");
        return new Event(id, node.get("topic").textValue(), priority, node.path("title").textValue(), body,
                data instanceof ObjectNode o && !o.isEmpty() ? o : null, node.get("sender").textValue(), time,
                node.path("dedupKey").textValue(), to, node.path("nonce").textValue(), node.hasNonNull("chatId"),
                node.path("replyTo").textValue());
    }
}
