package dev.herald.rooms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.jsonrpc.Json;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room in the hub: its members in joining order, the ids of its last {@value #HISTORY}
 * messages and when anything last happened in it. A pair room is one the queue made; only
 * its two may be in it. Mutable; guarded by the {@link Lobby}'s lock.
 */
final class Room {
    static final int HISTORY = 100;

    final String id;
    final boolean pair;
    final Map<String, Member> members = new LinkedHashMap<>();
    private final ArrayDeque<Long> history = new ArrayDeque<>();
    Instant lastActivity;

    Room(String id, boolean pair, Instant created) {
        this.id = id;
        this.pair = pair;
        this.lastActivity = created;
    }

    /** The session addresses of every member, then {@code extra} ones (someone who just left). */
    List<String> addresses(String... extra) {
        List<String> to = new ArrayList<>();
        members.keySet().forEach(user -> to.add(Rooms.address(user)));
        for (String user : extra) {
            to.add(Rooms.address(user));
        }
        return to;
    }

    void remember(long message) {
        history.addLast(message);
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    /** The ids of its last messages, oldest first (their text stays in the journal: a room holds no bodies in memory). */
    List<Long> messages() {
        return List.copyOf(history);
    }

    ArrayNode memberList() {
        ArrayNode list = Json.object().arrayNode();
        members.values().forEach(m -> list.add(m.person.toJson()));
        return list;
    }

    /** {room_id, kind, members}: what list_rooms and the room resource show. */
    ObjectNode toJson() {
        ObjectNode node = Json.object().put("room_id", id).put("kind", pair ? "pair" : "named");
        node.set("members", memberList());
        return node;
    }

    /** A message as the room resource shows it. */
    static ObjectNode message(Event e) {
        ObjectNode m = Json.object().put("message_id", e.idText()).put("message", e.body());
        m.putObject("sender").put("user_id", e.data().path("user").asText()).put("display_name", e.data().path("name").asText());
        return m.put("timestamp", e.time().toString());
    }
}
