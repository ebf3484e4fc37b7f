package dev.herald.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.hub.HubClient;
import dev.herald.hub.HubException;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * This session's end of the hub: the events it has received and not yet read (newest last,
 * bounded), the route that pushes them to the client once it is ready, and the acknowledgements
 * that move its inbox forward. Events arrive on the hub client's reader thread; tools read them on
 * request threads. While the client's output is congested, arrival waits, which holds back only
 * this session's feed from the hub (it catches up from the journal).
 */
public final class Mailbox implements HubClient.Listener {
    /** Unread events kept in memory; older unread ones stay in the journal (read_events with since). */
    public static final int MAX_UNREAD = 1000;
    private static final long MAX_UNREAD_BYTES = 4L * 1024 * 1024;

    private static final class Held {
        final Event event;
        final int bytes;
        boolean acknowledged;
        boolean pushed; // under pushLock

        Held(Event event) {
            this.event = event;
            this.bytes = event.body().length() * 2 + 512;
        }
    }

    private final String sessionId;
    private final String inbox;
    private final Runnable changed;
    private final ReentrantLock lock = new ReentrantLock(); // guards unread and the acknowledged flags
    private final ReentrantLock pushLock = new ReentrantLock(); // one push at a time, in order: activation's backlog, then arrivals
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Held> unread = new ArrayDeque<>();
    private long unreadBytes;
    private volatile long lastSeen;
    private volatile HubClient hub;
    private volatile Route route;
    private volatile String pendingNotice;
    private volatile long written;

    /** {@code changed} runs after the unread set changes (to send resources/updated for the inbox). */
    public Mailbox(String sessionId, String inbox, Runnable changed) {
        this.sessionId = sessionId;
        this.inbox = inbox;
        this.changed = changed;
    }

    public void connect(HubClient client) {
        this.hub = client;
    }

    public HubClient hub() {
        return hub;
    }

    public String sessionId() {
        return sessionId;
    }

    public String inbox() {
        return inbox;
    }

    /** The route in use, or null before the client is ready. */
    public Route route() {
        return route;
    }

    /** Events this session has written to its client. */
    public long written() {
        return written;
    }

    /** The client is ready: push what arrived so far, then everything new, through {@code chosen}. */
    public void activate(Route chosen) {
        pushLock.lock();
        try {
            route = chosen;
            String notice = pendingNotice;
            if (notice != null) {
                pendingNotice = null;
                chosen.notice(notice);
            }
            List<Held> backlog;
            lock.lock();
            try {
                backlog = List.copyOf(unread);
            } finally {
                lock.unlock();
            }
            backlog.forEach(this::push);
        } finally {
            pushLock.unlock();
        }
    }

    @Override
    public String lastSeen() {
        long id = lastSeen;
        return id == 0 ? null : EventId.format(id);
    }

    @Override
    public void onEvent(Event event) {
        if (event.topic().equals("permissions") && event.data() != null && sessionId.equals(event.data().path("session").asText())) {
            lastSeen = Math.max(lastSeen, event.id()); // this session's own prompt: its client has it already
            return;
        }
        Held held = new Held(event);
        boolean elsewhere = divertible.test(event);
        lock.lock();
        try {
            if (event.id() <= lastSeen) {
                return; // sent again after a reconnect: this session has it already
            }
            lastSeen = event.id();
            if (!elsewhere) {
                unread.addLast(held);
                unreadBytes += held.bytes;
                while (unread.size() > MAX_UNREAD || unreadBytes > MAX_UNREAD_BYTES) {
                    unreadBytes -= unread.removeFirst().bytes;
                }
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (elsewhere) {
            diverted.accept(event); // in order, on this thread
            return;
        }
        changed.run();
        if (route != null) {
            pushLock.lock();
            try {
                push(held);
            } finally {
                pushLock.unlock();
            }
        }
    }

    private volatile Predicate<Event> divertible = e -> false;
    private volatile java.util.function.Consumer<Event> diverted = e -> { };
    private volatile boolean chatMethods;

    /** Events {@code which} takes go to {@code to} (the rooms), after the same duplicate check, instead of the unread set and the route. */
    public void divert(Predicate<Event> which, java.util.function.Consumer<Event> to) {
        diverted = to;
        divertible = which;
    }

    /** Whether the client gets chat happenings as their own notification methods (it opted in). */
    public boolean chatMethods() {
        return chatMethods;
    }

    public void chatMethods(boolean on) {
        chatMethods = on;
    }

    private volatile java.util.function.BiConsumer<String, String> permissions = (id, behavior) -> { };

    /** Where verdicts on this session's permission prompts go. */
    void onPermission(java.util.function.BiConsumer<String, String> handler) {
        permissions = handler;
    }

    @Override
    public void onPermission(String requestId, String behavior) {
        permissions.accept(requestId, behavior);
    }

    @Override
    public void onReplay(int skipped, String from, String to) {
        String text = "Herald replayed only the newest events for inbox " + inbox + ": " + skipped + " older one"
                + (skipped == 1 ? " was" : "s were") + " skipped (ids " + from + " to " + to + "). Read them with read_events(since: \""
                + EventId.format(EventId.parse(from) - 1) + "\") or herald events --since " + EventId.format(EventId.parse(from) - 1) + ".";
        Route r = route;
        if (r != null) {
            r.notice(text);
        } else {
            pendingNotice = text;
        }
    }

    /** Under the push lock: sends one event through the route, once; waits first while the client is far behind. */
    private void push(Held held) {
        if (held.pushed || held.acknowledged) {
            return;
        }
        held.pushed = true;
        Route r = route;
        while (congested(r)) {
            try {
                Thread.sleep(5); // the client is not reading: hold back this feed, not the hub
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!r.deliver(held.event, () -> acknowledge(held, true))) {
            acknowledge(held, false);
        }
    }

    private static boolean congested(Route r) {
        return switch (r) {
            case Route.Log log -> log.notifier().congested();
            case Route.Channel channel -> channel.notifier().congested();
            case Route.Both both -> both.channel().notifier().congested();
            case Route.Quiet quiet -> false;
        };
    }

    private void acknowledge(Held held, boolean wasWritten) {
        lock.lock();
        try {
            if (held.acknowledged) {
                return;
            }
            held.acknowledged = true;
        } finally {
            lock.unlock();
        }
        if (wasWritten) {
            written++;
        }
        HubClient h = hub;
        if (h != null) {
            h.notify(HubMethods.DELIVERED, Map.of("id", held.event.idText(), "written", wasWritten));
        }
    }

    /** The unread events, oldest first, as JSON. */
    public List<JsonNode> unread() {
        lock.lock();
        try {
            return unread.stream().map(h -> (JsonNode) h.event.toJson()).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code limit} unread events matching {@code wanted}, oldest first, and marks them read. */
    public List<Event> take(Predicate<Event> wanted, int limit) {
        List<Held> taken = new ArrayList<>();
        lock.lock();
        try {
            for (Iterator<Held> it = unread.iterator(); it.hasNext() && taken.size() < limit; ) {
                Held h = it.next();
                if (wanted.test(h.event)) {
                    it.remove();
                    unreadBytes -= h.bytes;
                    taken.add(h);
                }
            }
        } finally {
            lock.unlock();
        }
        if (!taken.isEmpty()) {
            taken.forEach(h -> acknowledge(h, true));
            changed.run();
        }
        return taken.stream().map(h -> h.event).toList();
    }

    /** Marks these (read from the journal) as read, if they are still unread here. */
    public void markRead(List<Event> events) {
        take(e -> events.stream().anyMatch(r -> r.id() == e.id()), events.size());
    }

    /** Waits up to {@code timeout} for an unread event matching {@code wanted}; takes and returns it, or null. */
    public Event await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> got = take(wanted, 1);
            if (!got.isEmpty()) {
                return got.get(0);
            }
            lock.lock();
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                if (unread.stream().noneMatch(h -> wanted.test(h.event))) {
                    arrived.await(left, TimeUnit.NANOSECONDS);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until an event newer than {@code after} has arrived, at most {@code timeout}; true if one has. */
    public boolean awaitNewer(long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (lastSeen <= after) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                arrived.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a request to the hub for a tool; the hub must answer within {@code timeout}. */
    public JsonNode ask(String method, Object params, Duration timeout) throws HubException, InterruptedException {
        HubClient h = hub;
        if (h == null) {
            throw new HubException(0, "the hub is off in this session (--no-hub, or HERALD_HOME unusable)", null);
        }
        return h.request(method, params, timeout);
    }

    /** Tells the hub which events this session wants. */
    public void filter(ObjectNode params) {
        HubClient h = hub;
        if (h != null) {
            h.filter(params);
        }
    }

    static ObjectNode object() {
        return Json.object();
    }
}
