package dev.herald.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.notify.Notifier;
import dev.herald.protocol.LogLevel;
import dev.herald.route.Mailbox;
import dev.herald.route.Route;
import dev.herald.server.Session;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This session's end of its rooms. Each room event of its feed becomes at most one notification,
 * by one route: the three methods themselves for a client that opted in, else the session's route
 * (Claude Code's channel with {@code chat_id} = the room, or a log message); what was not pushed
 * waits for {@code wait_for_message}. Events arrive on the hub client's reader thread, in journal
 * order; tools take and wait on request threads.
 */
final class Seat {
    /** Happenings kept per room for wait_for_message; older ones are dropped (the room resource has the last 100 messages). */
    static final int MAX_UNREAD = 200;
    static final String MESSAGE = "message.received";

    private final Mailbox mailbox;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<String, ArrayDeque<Rooms.Happening>> unread = new HashMap<>();
    private final Map<String, String> gone = new HashMap<>(); // room → why this session is no longer in it
    private volatile Notifier notifier;

    Seat(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    /** The client is initialized: its notifier, and whether it declared {@code experimental["herald/chat"]}. */
    void ready(Session session) {
        notifier = session.notifier();
        JsonNode capabilities = session.clientCapabilities();
        if (capabilities != null && capabilities.path("experimental").has(Rooms.CAPABILITY)) {
            mailbox.chatMethods(true);
        }
    }

    void onEvent(Event e) {
        String me = mailbox.sessionId();
        RoomEvent change = RoomEvent.parse(e);
        if (change == null) {
            return;
        }
        String removed = Rooms.removed(e, me);
        boolean in = change instanceof RoomEvent.Joined j && j.who().user().equals(me)
                || change instanceof RoomEvent.Matched m && (m.first().user().equals(me) || m.second().user().equals(me));
        if (removed != null || in) {
            lock.lock();
            try {
                if (in) {
                    gone.remove(change.room());
                } else {
                    gone.put(change.room(), removed);
                    arrived.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
        Rooms.Happening h = change.happening(e, me);
        if (h == null || push(h, e)) {
            return;
        }
        lock.lock();
        try {
            ArrayDeque<Rooms.Happening> q = unread.computeIfAbsent(h.room(), r -> new ArrayDeque<>());
            q.addLast(h);
            if (q.size() > MAX_UNREAD) {
                q.removeFirst();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code h} by this session's one route; false if nothing was queued for the client (kept for wait_for_message). */
    private boolean push(Rooms.Happening h, Event e) {
        Notifier n = notifier;
        Route route = mailbox.route();
        if (n == null || route == null) {
            return false;
        }
        while (n.congested()) {
            try {
                Thread.sleep(5); // the client is not reading: hold back this session's feed, as its mailbox does
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (mailbox.chatMethods()) {
            return n.sendTracked(h.method(), h.params(), () -> { });
        }
        return switch (route) {
            case Route.Channel c -> channel(c, h, e);
            case Route.Both b -> channel(b.channel(), h, e); // one route per happening: the channel, which the model sees
            case Route.Log l -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("type", h.method());
                data.putAll(h.params());
                yield l.notifier().logTracked(h.method().equals(MESSAGE) ? LogLevel.INFO : LogLevel.NOTICE, "room/" + h.room(), data,
                        () -> { });
            }
            case Route.Quiet q -> false;
        };
    }

    private static boolean channel(Route.Channel c, Rooms.Happening h, Event e) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("chat_id", h.room());
        meta.put("room_id", h.room());
        meta.put("type", h.method());
        meta.put("event_id", e.idText());
        Object who = h.params().containsKey("sender") ? h.params().get("sender") : h.params().get("partner");
        if (who instanceof Map<?, ?> person) {
            meta.put("user_id", String.valueOf(person.get("user_id")));
            meta.put("display_name", String.valueOf(person.get("display_name")));
        }
        if (h.method().equals(MESSAGE)) {
            meta.put("message_id", e.idText());
        }
        if (h.params().get("reason") instanceof String reason) {
            meta.put("reason", reason);
        }
        meta.put("time", e.time().toString());
        String content = h.method().equals(MESSAGE) ? (String) h.params().get("message") : h.text();
        return c.notifier().sendTracked(Route.Channel.METHOD, c.format().params(content, meta, "herald://rooms/" + h.room()), () -> { });
    }

    /** This session is (again) in {@code room}: a stale "gone" no longer applies. */
    void entered(String room) {
        lock.lock();
        try {
            gone.remove(room);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes what {@code room} has that the client was not given yet, oldest first; waits up to
     * {@code timeout} for something. Empty at the timeout, or when this session is no longer in the
     * room ({@link #gone}).
     */
    List<Rooms.Happening> await(String room, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                ArrayDeque<Rooms.Happening> q = unread.get(room);
                if (q != null && !q.isEmpty()) {
                    List<Rooms.Happening> taken = List.copyOf(q);
                    q.clear();
                    return taken;
                }
                long left = deadline - System.nanoTime();
                if (gone.containsKey(room) || left <= 0) {
                    return List.of();
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Why this session is no longer in {@code room} (left, disconnected, timeout), or null. */
    String gone(String room) {
        lock.lock();
        try {
            return gone.get(room);
        } finally {
            lock.unlock();
        }
    }
}
