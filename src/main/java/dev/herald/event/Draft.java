package dev.herald.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Surrogates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An event as a publisher asks for it, before the hub gives it an id, a time and a sender.
 * {@link #of} checks every rule, so a draft that exists is valid.
 *
 * @param to       inbox names the event is for; empty means every session and every inbox
 * @param dedupKey a second draft with the same key within 24 hours is answered with the first id
 * @param openChat the event can be answered: its id becomes a chat id that {@code reply} accepts for 24 hours
 * @param replyTo  the chat (an event id) this answers; the hub checks that it is open
 */
public record Draft(String topic, Priority priority, String title, String body, ObjectNode data, List<String> to, String dedupKey,
        boolean openChat, String replyTo) {
    public static final String DEFAULT_TOPIC = "general";
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int MAX_DATA_BYTES = 64 * 1024;
    public static final int MAX_TITLE = 256;
    public static final int MAX_KEY = 256;
    public static final int MAX_TO = 32;
    /** Topics and inbox names: letters, digits and {@code . _ - /}, 1 to 64 characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    public Draft {
        to = List.copyOf(to);
    }

    /** Checks and builds a draft; null topic and priority take their defaults. */
    public static Draft of(String topic, Priority priority, String title, String body, ObjectNode data, List<String> to,
            String dedupKey) throws InvalidEventException {
        topic = topic == null ? DEFAULT_TOPIC : topic;
        if (!NAME.matcher(topic).matches()) {
            throw new InvalidEventException("topic must be 1 to 64 letters, digits or . _ - /, starting with a letter or digit: " + clip(topic));
        }
        if (body == null || body.isBlank()) {
            throw new InvalidEventException("the message is empty");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new InvalidEventException("the message is over " + MAX_BODY_BYTES / 1024 + " KiB");
        }
        if (title != null && title.isBlank()) {
            title = null;
        }
        if (title != null && title.length() > MAX_TITLE) {
            throw new InvalidEventException("the title is over " + MAX_TITLE + " characters");
        }
        if (data != null && data.toString().getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new InvalidEventException("data is over " + MAX_DATA_BYTES / 1024 + " KiB");
        }
        if (dedupKey != null && (dedupKey.isEmpty() || dedupKey.length() > MAX_KEY)) {
            throw new InvalidEventException("the dedup key must be 1 to " + MAX_KEY + " characters");
        }
        if (to.size() > MAX_TO) {
            throw new InvalidEventException("at most " + MAX_TO + " inboxes in to");
        }
        for (String inbox : to) {
            if (!NAME.matcher(inbox).matches()) {
                throw new InvalidEventException("not an inbox name: " + clip(inbox));
            }
        }
        for (String text : new String[] {topic, title, body, dedupKey}) {
            if (text != null && Surrogates.lone(text)) {
                throw new InvalidEventException("the text holds a lone UTF-16 surrogate, which is not valid Unicode");
            }
        }
        return new Draft(topic, priority == null ? Priority.NORMAL : priority, title, body, data, to, dedupKey, false, null);
    }

    /** This draft opening a chat, or answering one ({@code replyTo}, an event id, or null). */
    public Draft withChat(boolean open, String replyTo) throws InvalidEventException {
        if (replyTo != null && EventId.parse(replyTo) < 0) {
            throw new InvalidEventException("replyTo must be a chat id (16 hex digits)");
        }
        return new Draft(topic, priority, title, body, data, to, dedupKey, open, replyTo);
    }

    /** Reads a draft from its JSON form ({@code topic, priority, title, body, data, to, dedupKey}). */
    public static Draft fromJson(JsonNode node) throws InvalidEventException {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("an event must be a JSON object");
        }
        String priorityText = text(node, "priority");
        Priority priority = priorityText == null ? null : Priority.parse(priorityText);
        if (priorityText != null && priority == null) {
            throw new InvalidEventException("unknown priority " + clip(priorityText) + " (low, normal, high or urgent)");
        }
        JsonNode data = node.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            throw new InvalidEventException("data must be a JSON object");
        }
        List<String> to = new ArrayList<>();
        JsonNode toNode = node.get("to");
        if (toNode != null && !toNode.isNull()) {
            if (toNode.isTextual()) {
                to.add(toNode.textValue());
            } else if (toNode.isArray()) {
                for (JsonNode inbox : toNode) {
                    if (!inbox.isTextual()) {
                        throw new InvalidEventException("to must be inbox names (strings)");
                    }
                    to.add(inbox.textValue());
                }
            } else {
                throw new InvalidEventException("to must be an inbox name or a list of them");
            }
        }
        JsonNode open = node.get("openChat");
        if (open != null && !open.isBoolean() && !open.isNull()) {
            throw new InvalidEventException("openChat must be a boolean");
        }
        return of(text(node, "topic"), priority, text(node, "title"), text(node, "body"),
                data instanceof ObjectNode o ? o : null, to, text(node, "dedupKey")).withChat(open != null && open.asBoolean(), text(node, "replyTo"));
    }

    private static String text(JsonNode node, String field) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(field + " must be a string");
        }
        return value.textValue();
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
