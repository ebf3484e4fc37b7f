package dev.herald.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.jsonrpc.RpcException;
import dev.herald.journal.JournalException;
import dev.herald.rooms.Rooms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the hub's read-only requests answer: the live sessions, a page of the journal, one event. Runs on a peer's reader. */
final class Views {
    static final int MAX_LIMIT = 1000;

    private Views() {
        throw new AssertionError();
    }

    static List<Map<String, Object>> sessions(Hub hub) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Peer p : hub.peers()) {
            if (p.role != Peer.Role.SESSION || p.closed()) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", p.id);
            s.put("inbox", p.inbox);
            s.put("pid", p.pid);
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("name", p.clientName);
            client.put("version", p.clientVersion);
            s.put("client", client);
            s.put("route", p.route);
            s.put("since", p.since.toString());
            s.put("delivered", p.delivered.get());
            s.put("lagging", p.lagging());
            out.add(s);
        }
        out.sort((a, b) -> ((String) a.get("since")).compareTo((String) b.get("since")));
        return out;
    }

    /** {since?, topic?, inbox?, limit}: the retained events after {@code since} that match, oldest first. */
    static Map<String, Object> events(Hub hub, JsonNode p) throws JournalException {
        long after = p.hasNonNull("since") ? eventId(p.get("since").asText()) : 0;
        String topic = p.path("topic").textValue();
        String inbox = p.path("inbox").textValue();
        int limit = (int) Math.clamp(p.path("limit").asLong(100), 1, MAX_LIMIT);
        long head = hub.journal().head();
        List<Object> events = new ArrayList<>();
        boolean[] more = {false};
        hub.journal().scan(after, head, e -> {
            if ((topic == null || Filter.topicMatches(topic, e.topic())) && (inbox == null || e.addressedTo(inbox))) {
                if (events.size() == limit) {
                    more[0] = true;
                    return false;
                }
                events.add(e.toJson());
            }
            return true;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("hasMore", more[0]);
        out.put("first", EventId.format(hub.journal().first()));
        out.put("removedUpTo", EventId.format(hub.journal().removedUpTo()));
        out.put("head", EventId.format(head));
        return out;
    }

    /** One event; a chat room's only for its members (a session asking for another's room event is told there is none). */
    static Event event(Hub hub, JsonNode p, Peer asker) throws JournalException {
        long id = eventId(p.path("id").asText(null));
        Event e = hub.journal().find(id);
        if (e != null && asker.role == Peer.Role.SESSION && Rooms.isRoomEvent(e) && !e.to().contains(Rooms.address(asker.id))) {
            e = null;
        }
        if (e == null) {
            throw RpcException.invalidParams("No event " + p.path("id").asText() + " in the journal (unknown, or past retention)");
        }
        return e;
    }

    static long eventId(String text) {
        long id = EventId.parse(text);
        if (id < 0) {
            throw RpcException.invalidParams("not an event id (16 hex digits): " + text);
        }
        return id;
    }
}
