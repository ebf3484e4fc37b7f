package dev.herald.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.event.InvalidEventException;
import dev.herald.event.Priority;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A change to the rooms, in the form the journal keeps it: topic {@code room} for the queue,
 * {@code room/<room_id>} for a room, {@code data.kind} saying which change, and {@code to} the
 * session addresses of the members who hear it (the one who acted included, so it is never empty).
 * Immutable; parsed and built on any thread.
 */
sealed interface RoomEvent permits RoomEvent.Queued, RoomEvent.Unqueued, RoomEvent.Matched, RoomEvent.Joined, RoomEvent.Said,
        RoomEvent.Left {
    String QUEUE_TOPIC = "room";
    String ROOM_TOPIC = "room/";

    /** A member as events name it: the hub's id for its connection, and the name it chose. */
    record Person(String user, String name) {
        ObjectNode toJson() {
            return Json.object().put("user_id", user).put("display_name", name);
        }

        Map<String, Object> toMap() {
            return params("user_id", user, "display_name", name);
        }
    }

    /** Why a member is no longer in a room. */
    enum Reason {
        LEFT, DISCONNECTED, TIMEOUT;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Reason parse(String wire) {
            for (Reason r : values()) {
                if (r.wire().equals(wire)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** Entered the queue. */
    record Queued(Person who) implements RoomEvent {}

    /** Left the queue without a match (its session ended). */
    record Unqueued(String user) implements RoomEvent {}

    /** Two from the queue were put in a new room of two. */
    record Matched(String room, Person first, Person second) implements RoomEvent {}

    /** Joined a named room. */
    record Joined(String room, Person who) implements RoomEvent {}

    /** A message; the event's id is the message id. */
    record Said(String room, Person who, String text) implements RoomEvent {}

    /** No longer in the room. */
    record Left(String room, Person who, Reason reason) implements RoomEvent {}

    /** The room this change is about, or null for the queue. */
    default String room() {
        return switch (this) {
            case Matched m -> m.room();
            case Joined j -> j.room();
            case Said s -> s.room();
            case Left l -> l.room();
            case Queued q -> null;
            case Unqueued u -> null;
        };
    }

    /** The draft to publish, for {@code recipients} (session addresses). */
    default Draft draft(List<String> recipients) {
        ObjectNode data = Json.object();
        String body = switch (this) {
            case Queued q -> {
                person(data.put("kind", "queue"), q.who());
                yield q.who().name() + " is waiting for a partner";
            }
            case Unqueued u -> {
                data.put("kind", "unqueue").put("user", u.user());
                yield u.user() + " left the queue";
            }
            case Matched m -> {
                data.put("kind", "match").put("room", m.room());
                data.putArray("members").add(person(Json.object(), m.first())).add(person(Json.object(), m.second()));
                yield m.first().name() + " and " + m.second().name() + " were matched in room " + m.room();
            }
            case Joined j -> {
                person(data.put("kind", "join").put("room", j.room()), j.who());
                yield j.who().name() + " joined room " + j.room();
            }
            case Said s -> {
                person(data.put("kind", "message").put("room", s.room()), s.who());
                yield s.text();
            }
            case Left l -> {
                person(data.put("kind", "leave").put("room", l.room()), l.who()).put("reason", l.reason().wire());
                yield l.who().name() + " left room " + l.room() + " (" + l.reason().wire() + ")";
            }
        };
        String topic = room() == null ? QUEUE_TOPIC : ROOM_TOPIC + room();
        try {
            Draft checked = Draft.of(topic, Priority.NORMAL, null, body, data, List.of(), null);
            // more addresses than a publisher may name (a room has up to 50 members): only the hub builds these
            return new Draft(checked.topic(), checked.priority(), null, checked.body(), checked.data(), recipients, null, false, null);
        } catch (InvalidEventException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, e.getMessage());
        }
    }

    /** What this change, stored as {@code e}, means for the member {@code me}; null for its own doings and the queue. */
    default Rooms.Happening happening(Event e, String me) {
        return switch (this) {
            case Said s when !s.who().user().equals(me) -> new Rooms.Happening("message.received", params("room_id", s.room(),
                    "message_id", e.idText(), "message", s.text(), "sender", s.who().toMap(), "timestamp", e.time().toString()), s.room(),
                    s.who().name() + ": " + s.text());
            case Joined j when !j.who().user().equals(me) -> found(j.room(), j.who(), j.who().name() + " joined room " + j.room());
            case Matched m when m.first().user().equals(me) || m.second().user().equals(me) -> {
                Person partner = m.first().user().equals(me) ? m.second() : m.first();
                yield found(m.room(), partner, "Matched with " + partner.name() + " in room " + m.room());
            }
            case Left l when !l.who().user().equals(me) -> new Rooms.Happening("partner.disconnected", params("room_id", l.room(),
                    "reason", l.reason().wire(), "partner", l.who().toMap()), l.room(),
                    l.who().name() + " left room " + l.room() + " (" + l.reason().wire() + ")");
            default -> null;
        };
    }

    private static Rooms.Happening found(String room, Person partner, String text) {
        return new Rooms.Happening("chatroom.found", params("room_id", room, "partner", partner.toMap()), room, text);
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static ObjectNode person(ObjectNode node, Person p) {
        return node.put("user", p.user()).put("name", p.name());
    }

    /** True for the topics rooms keep their state in: nobody else may publish there. */
    static boolean topic(String topic) {
        return topic.equals(QUEUE_TOPIC) || topic.startsWith(ROOM_TOPIC);
    }

    /** The change an event of a room topic records, or null if it is not one (or is damaged). */
    static RoomEvent parse(Event e) {
        if (!topic(e.topic()) || e.data() == null) {
            return null;
        }
        JsonNode d = e.data();
        String room = d.path("room").asText("");
        Person who = new Person(d.path("user").asText(""), d.path("name").asText(""));
        return switch (d.path("kind").asText("")) {
            case "queue" -> new Queued(who);
            case "unqueue" -> new Unqueued(who.user());
            case "match" -> d.path("members").size() == 2 ? new Matched(room, member(d.path("members").get(0)),
                    member(d.path("members").get(1))) : null;
            case "join" -> new Joined(room, who);
            case "message" -> new Said(room, who, e.body());
            case "leave" -> {
                Reason reason = Reason.parse(d.path("reason").asText(""));
                yield reason == null ? null : new Left(room, who, reason);
            }
            default -> null;
        };
    }

    private static Person member(JsonNode node) {
        return new Person(node.path("user").asText(""), node.path("name").asText(""));
    }
}
