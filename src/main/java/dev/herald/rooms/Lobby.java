package dev.herald.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.hub.Publisher;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalException;
import dev.herald.rooms.RoomEvent.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every room and the queue of one hub: reads, the hub's own removals (a session gone, a member
 * silent too long) and the rebuild from the journal. Every change is handed to the journal and made
 * under {@link #lock}, so the journal holds the changes in the order they were made and a new hub
 * replaying it builds the same state ({@link Changes} makes a member's own changes the same way).
 * Runs on peer reader threads and the rooms timer.
 */
final class Lobby {
    private static final Logger log = LoggerFactory.getLogger(Lobby.class);
    static final int MAX_ROOMS = 1000;
    static final int MAX_MEMBERS = 50;
    static final int MAX_QUEUE = 1000;
    static final Duration EMPTY_KEPT = Duration.ofDays(1);

    private final Journal journal;
    private final Rooms.Sink sink;
    final Supplier<Instant> clock;
    private final Duration idle;
    final ReentrantLock lock = new ReentrantLock();
    final Map<String, Room> rooms = new LinkedHashMap<>();
    final Map<String, Person> queue = new LinkedHashMap<>(); // oldest first

    Lobby(Journal journal, Rooms.Sink sink, Supplier<Instant> clock, Duration idle) {
        this.journal = journal;
        this.sink = sink;
        this.clock = clock;
        this.idle = idle;
    }

    Object list(String user) {
        lock.lock();
        try {
            ArrayNode mine = Json.object().arrayNode();
            rooms.values().stream().filter(r -> r.members.containsKey(user)).forEach(r -> mine.add(r.toJson()));
            ObjectNode out = Json.object();
            out.set("rooms", mine);
            out.put("waiting", queue.containsKey(user));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** {room_id, kind, members, messages}: the last messages read from the journal, outside the lock. */
    Object get(String user, JsonNode p) {
        String id = Checks.room(p);
        ObjectNode out;
        List<Long> ids;
        lock.lock();
        try {
            Room room = known(id);
            member(room, user);
            out = room.toJson();
            ids = room.messages();
        } finally {
            lock.unlock();
        }
        if (!p.path("messages").asBoolean(true)) {
            return out;
        }
        ArrayNode messages = out.putArray("messages");
        Set<Long> wanted = new HashSet<>(ids);
        try {
            if (!ids.isEmpty()) {
                journal.scan(ids.getFirst() - 1, ids.getLast(), e -> {
                    if (wanted.contains(e.id())) {
                        messages.add(Room.message(e));
                    }
                    return true;
                });
            }
        } catch (JournalException e) {
            throw new RpcException(ErrorCode.INTERNAL_ERROR, "The room's messages could not be read: " + e.getMessage());
        }
        return out;
    }

    /** The hub's own removal of {@code user} from every room and the queue (its session ended). */
    void drop(String user, RoomEvent.Reason reason) {
        lock.lock();
        try {
            for (Room room : rooms.values()) {
                Member m = room.members.get(user);
                if (m != null) {
                    remove(room, m, reason);
                }
            }
            if (queue.remove(user) != null) {
                append(new RoomEvent.Unqueued(user), List.of(Rooms.address(user)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes members silent past the idle limit, and rooms empty for a day. */
    void sweep() {
        lock.lock();
        try {
            Instant now = clock.get();
            for (Room room : rooms.values()) {
                for (Member m : List.copyOf(room.members.values())) {
                    if (m.lastActive.isBefore(now.minus(idle))) {
                        remove(room, m, RoomEvent.Reason.TIMEOUT);
                    }
                }
            }
            rooms.values().removeIf(r -> r.members.isEmpty() && r.lastActivity.isBefore(now.minus(EMPTY_KEPT)));
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the member goes, and everyone who was in the room (the member too) hears why. */
    private void remove(Room room, Member m, RoomEvent.Reason reason) {
        append(new RoomEvent.Left(room.id, m.person, reason), room.addresses());
        room.members.remove(m.person.user());
        room.lastActivity = clock.get();
    }

    /** Everyone in a room or the queue. */
    Set<String> users() {
        lock.lock();
        try {
            Set<String> all = new HashSet<>(queue.keySet());
            rooms.values().forEach(r -> all.addAll(r.members.keySet()));
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Rebuilds the state from one journal event, oldest first (a hub starting). */
    void replay(Event e) {
        RoomEvent change = RoomEvent.parse(e);
        if (change == null) {
            return;
        }
        Instant t = e.time();
        lock.lock();
        try {
            switch (change) {
                case RoomEvent.Queued q -> queue.put(q.who().user(), q.who());
                case RoomEvent.Unqueued u -> queue.remove(u.user());
                case RoomEvent.Matched m -> {
                    queue.remove(m.first().user());
                    queue.remove(m.second().user());
                    Room r = room(m.room(), t);
                    r.members.put(m.first().user(), new Member(m.first(), t));
                    r.members.put(m.second().user(), new Member(m.second(), t));
                }
                case RoomEvent.Joined j -> room(j.room(), t).members.put(j.who().user(), new Member(j.who(), t));
                case RoomEvent.Said s -> {
                    Room r = room(s.room(), t);
                    r.members.computeIfAbsent(s.who().user(), u -> new Member(s.who(), t)).lastActive = t; // joined over a day ago
                    r.remember(e.id());
                }
                case RoomEvent.Left l -> {
                    Room r = rooms.get(l.room());
                    if (r != null) {
                        r.members.remove(l.who().user());
                    }
                }
            }
            Room r = change.room() == null ? null : rooms.get(change.room());
            if (r != null) {
                r.lastActivity = t;
            }
        } finally {
            lock.unlock();
        }
    }

    private Room room(String id, Instant t) {
        return rooms.computeIfAbsent(id, k -> new Room(k, k.startsWith(Checks.PAIR), t));
    }

    /** Under the lock: room for one more, by forgetting the longest-empty room if the hub is at its most. */
    void makeRoomFor() {
        if (rooms.size() < MAX_ROOMS) {
            return;
        }
        Room oldest = rooms.values().stream().filter(r -> r.members.isEmpty()).min((a, b) -> a.lastActivity.compareTo(b.lastActivity))
                .orElseThrow(() -> RoomError.TOO_MANY_ROOMS.exception("The hub keeps at most " + MAX_ROOMS + " rooms and none is empty; "
                        + "leave some first"));
        rooms.remove(oldest.id);
    }

    Room known(String id) {
        Room room = rooms.get(id);
        if (room == null) {
            throw RoomError.UNKNOWN_ROOM.exception("Unknown room " + id + ": join_room makes a named room, enter_queue a pair room");
        }
        return room;
    }

    static Member member(Room room, String user) {
        Member m = room.members.get(user);
        if (m == null) {
            throw RoomError.NOT_A_MEMBER.exception("Not a member of room " + room.id + (room.pair ? ": it is a private pair room"
                    : ": join it first with join_room"));
        }
        return m;
    }

    CompletableFuture<Publisher.Outcome> publish(String sender, RoomEvent change, List<String> to, JsonNode p) {
        try {
            return sink.publish(sender, change.draft(to), p.path("nonce").textValue());
        } catch (Publisher.RateLimitedException e) {
            throw RoomError.RATE_LIMITED.exception(e.getMessage(), Map.of("retryAfterMs", e.retryAfterMs()));
        }
    }

    private void append(RoomEvent change, List<String> to) {
        journal.append(Rooms.SENDER, change.draft(to), null).whenComplete((e, failure) -> {
            if (failure != null) {
                log.warn("A room change was not stored: {}", failure.getMessage());
            }
        });
    }

    static CompletableFuture<Object> done(Object result) {
        return CompletableFuture.completedFuture(result);
    }

    void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    <T> T lockedGet(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
