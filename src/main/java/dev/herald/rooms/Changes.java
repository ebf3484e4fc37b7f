package dev.herald.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.rooms.RoomEvent.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a member asks to change: enter the queue, join, send, leave. Each checks its input, hands
 * its event to the journal and changes the {@link Lobby} under the lobby's lock, and answers once
 * the event is durable. Runs on peer reader threads; answers complete on the journal's committer.
 */
final class Changes {
    private final Lobby lobby;

    Changes(Lobby lobby) {
        this.lobby = lobby;
    }

    CompletableFuture<Object> enterQueue(String user, String sender, JsonNode p) {
        Person me = new Person(user, Checks.name(p));
        lobby.lock.lock();
        try {
            if (lobby.queue.containsKey(user)) {
                return Lobby.done(waiting(user));
            }
            Person partner = lobby.queue.values().stream().findFirst().orElse(null);
            Instant now = lobby.clock.get();
            if (partner == null) {
                if (lobby.queue.size() >= Lobby.MAX_QUEUE) {
                    throw RoomError.QUEUE_FULL.exception(Lobby.MAX_QUEUE + " are waiting already; try again later");
                }
                var stored = lobby.publish(sender, new RoomEvent.Queued(me), List.of(Rooms.address(user)), p);
                lobby.queue.put(user, me);
                Map<String, Object> waiting = waiting(user);
                return stored.thenApply(o -> waiting);
            }
            lobby.makeRoomFor();
            String id;
            do {
                id = Checks.PAIR + String.format("%08x", ThreadLocalRandom.current().nextInt());
            } while (lobby.rooms.containsKey(id));
            var stored = lobby.publish(sender, new RoomEvent.Matched(id, partner, me), List.of(Rooms.address(partner.user()),
                    Rooms.address(user)), p);
            lobby.queue.remove(partner.user());
            Room room = new Room(id, true, now);
            room.members.put(partner.user(), new Member(partner, now));
            room.members.put(user, new Member(me, now));
            lobby.rooms.put(id, room);
            Map<String, Object> matched = Map.of("status", "matched", "room_id", id, "partner", partner.toJson());
            return stored.thenApply(o -> matched);
        } finally {
            lobby.lock.unlock();
        }
    }

    private Map<String, Object> waiting(String user) {
        return Map.of("status", "waiting", "position", new ArrayList<>(lobby.queue.keySet()).indexOf(user) + 1);
    }

    CompletableFuture<Object> join(String user, String sender, JsonNode p) {
        String id = Checks.namedRoom(p);
        Person who = new Person(user, Checks.name(p));
        lobby.lock.lock();
        try {
            Room room = lobby.rooms.get(id);
            if (room != null && room.members.containsKey(user)) {
                return Lobby.done(joined(room, false)); // again, or a resend after a hand-over: already in
            }
            if (room != null && room.members.size() >= Lobby.MAX_MEMBERS) {
                throw RoomError.ROOM_FULL.exception("Room " + id + " is full: at most " + Lobby.MAX_MEMBERS + " members");
            }
            boolean created = room == null;
            if (created) {
                lobby.makeRoomFor();
            }
            List<String> to = created ? List.of(Rooms.address(user)) : room.addresses(user); // the newcomer hears it too
            var stored = lobby.publish(sender, new RoomEvent.Joined(id, who), to, p);
            Instant now = lobby.clock.get();
            Room r = created ? new Room(id, false, now) : room;
            lobby.rooms.putIfAbsent(id, r);
            Member m = new Member(who, now);
            r.members.put(user, m);
            r.lastActivity = now;
            return stored.handle((o, failure) -> {
                lobby.locked(() -> {
                    if (failure != null && r.members.get(user) == m) {
                        r.members.remove(user); // not stored: not joined
                    }
                });
                if (failure != null) {
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                }
                return lobby.lockedGet(() -> joined(r, created));
            });
        } finally {
            lobby.lock.unlock();
        }
    }

    private static Map<String, Object> joined(Room room, boolean created) {
        return Map.of("room_id", room.id, "created", created, "members", room.memberList());
    }

    CompletableFuture<Object> send(String user, String sender, JsonNode p) {
        String id = Checks.room(p);
        String text = Checks.message(p);
        lobby.lock.lock();
        try {
            Room room = lobby.known(id);
            Member m = Lobby.member(room, user);
            long wait = m.take(System.nanoTime());
            if (wait > 0) {
                throw RoomError.RATE_LIMITED.exception("Too many messages: at most " + (int) Member.RATE + " a second (bursts of "
                        + Member.BURST + ") per member; retry in " + wait + " ms", Map.of("retryAfterMs", wait));
            }
            var stored = lobby.publish(sender, new RoomEvent.Said(id, m.person, text), room.addresses(), p);
            Instant now = lobby.clock.get();
            m.lastActive = now;
            room.lastActivity = now;
            return stored.thenApply(outcome -> {
                if (!outcome.duplicate()) {
                    lobby.locked(() -> room.remember(outcome.id())); // completions come in journal order
                }
                return Map.of("room_id", id, "message_id", outcome.idText(), "timestamp", outcome.time().toString());
            });
        } finally {
            lobby.lock.unlock();
        }
    }

    CompletableFuture<Object> leave(String user, String sender, JsonNode p) {
        String id = Checks.room(p);
        lobby.lock.lock();
        try {
            Room room = lobby.known(id);
            Member m = room.members.get(user);
            if (m == null) {
                return Lobby.done(Map.of("room_id", id, "left", false)); // not in it (or a resend of a leave already stored)
            }
            var stored = lobby.publish(sender, new RoomEvent.Left(id, m.person, RoomEvent.Reason.LEFT), room.addresses(), p);
            room.members.remove(user);
            room.lastActivity = lobby.clock.get();
            return stored.thenApply(o -> Map.of("room_id", id, "left", true));
        } finally {
            lobby.lock.unlock();
        }
    }
}
