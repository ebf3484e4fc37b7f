package dev.herald.hub;

import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.jsonrpc.Message;
import dev.herald.journal.JournalException;
import dev.herald.rooms.Rooms;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one peer the events it is owed, pulling them from the journal at the peer's own pace on
 * a thread of its own: a slow peer only falls behind (and reads from disk when it has
 * fallen out of memory); it never holds up the journal or another peer. For a session, the
 * backlog found at attach time comes first, capped at the newest {@value #REPLAY_CAP} behind one
 * {@code replay} notice.
 */
final class EventFeed {
    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    static final int REPLAY_CAP = 100;
    /** A new inbox starts with the events of the last day. */
    static final Duration NEW_INBOX_REPLAY = Duration.ofHours(24);
    private static final int BATCH = 256;
    private static final long LAGGING_NANOS = 1_000_000_000L;

    private final Hub hub;
    private final Peer peer;
    private final Predicate<Event> wants;
    private final List<Event> backlog;
    private final int skipped;
    private final long skippedFrom;
    private final long skippedTo;
    private long position; // feed thread only, after construction
    private volatile long blockedSince;
    private volatile Thread thread;
    private volatile boolean stopped;

    private EventFeed(Hub hub, Peer peer, Predicate<Event> wants, long position, List<Event> backlog, int skipped, long from, long to) {
        this.hub = hub;
        this.peer = peer;
        this.wants = wants;
        this.position = position;
        this.backlog = backlog;
        this.skipped = skipped;
        this.skippedFrom = from;
        this.skippedTo = to;
    }

    /**
     * A session's feed: what its inbox missed since it was last given an event, then everything new;
     * and the room events addressed to the session itself ({@code session.<id>}), whatever its filter,
     * after the newest it has seen (an inbox's position, shared by its sessions, does not skip them).
     */
    static EventFeed forSession(Hub hub, Peer peer, String lastSeenText) {
        String self = Rooms.address(peer.id);
        Predicate<Event> wants = e -> (e.addressedTo(peer.inbox) && peer.filter.matches(e)) || e.to().contains(self);
        Long cursor = hub.cursors().get(peer.inbox);
        long lastSeen = lastSeenText == null ? -1 : EventId.parse(lastSeenText);
        long inboxStart = Math.max(cursor != null ? cursor : EventId.floor(hub.clock().get().minus(NEW_INBOX_REPLAY)) - 1, lastSeen);
        long selfStart = lastSeen >= 0 ? lastSeen : inboxStart; // a new session has no room events before it
        Predicate<Event> owed = e -> e.to().contains(self) ? e.id() > selfStart : e.id() > inboxStart && wants.test(e);
        return replayed(hub, peer, wants, owed, Math.min(inboxStart, selfStart));
    }

    /** A chat member on the CLI: the room events addressed to it, after {@code lastSeen} (from now when null). */
    static EventFeed forMember(Hub hub, Peer peer, String lastSeenText) {
        String self = Rooms.address(peer.id);
        long lastSeen = lastSeenText == null ? -1 : EventId.parse(lastSeenText);
        long start = lastSeen >= 0 ? lastSeen : hub.journal().head();
        Predicate<Event> wants = e -> e.to().contains(self);
        return replayed(hub, peer, wants, wants, start);
    }

    /** From {@code start}: what {@code owed} takes up to the journal's head (the newest {@value #REPLAY_CAP}), then what {@code wants}. */
    private static EventFeed replayed(Hub hub, Peer peer, Predicate<Event> wants, Predicate<Event> owed, long start) {
        long head = hub.journal().head();
        ArrayDeque<Event> newest = new ArrayDeque<>();
        int[] count = {0};
        long[] skippedRange = {0, 0};
        long at = start;
        try {
            at = hub.journal().scan(start, head, e -> {
                if (owed.test(e)) {
                    count[0]++;
                    newest.addLast(e);
                    if (newest.size() > REPLAY_CAP) {
                        Event dropped = newest.removeFirst();
                        skippedRange[0] = skippedRange[0] == 0 ? dropped.id() : skippedRange[0];
                        skippedRange[1] = dropped.id();
                    }
                }
                return true;
            });
        } catch (JournalException e) {
            log.warn("Could not read the journal for a replay: {}", e.getMessage());
        }
        return new EventFeed(hub, peer, wants, Math.max(at, start), List.copyOf(newest), count[0] - newest.size(), skippedRange[0],
                skippedRange[1]);
    }

    /** Every event after {@code since} (from now when null), for {@code herald events --follow}. */
    static EventFeed follower(Hub hub, Peer peer, String since, String topic) {
        long start = since == null ? hub.journal().head() : Math.max(0, EventId.parse(since));
        Predicate<Event> wants = e -> topic == null || Filter.topicMatches(topic, e.topic());
        return new EventFeed(hub, peer, wants, start, List.of(), 0, 0, 0);
    }

    int pending() {
        return backlog.size();
    }

    int skipped() {
        return skipped;
    }

    void run() {
        thread = Thread.currentThread();
        try {
            if (skipped > 0) {
                peer.write(hub.codec().encode(new Message.Notification(HubMethods.REPLAY, Map.of("skipped", skipped,
                        "from", EventId.format(skippedFrom), "to", EventId.format(skippedTo)))));
            }
            send(backlog);
            while (!stopped && !peer.closed()) {
                List<Event> batch;
                try {
                    batch = hub.journal().read(position, BATCH);
                } catch (JournalException e) {
                    log.warn("Could not read the journal for a hub client: {}", e.getMessage());
                    Thread.sleep(1000);
                    continue;
                }
                if (batch.isEmpty()) {
                    hub.journal().awaitAfter(position, Duration.ofSeconds(30));
                    continue;
                }
                position = batch.get(batch.size() - 1).id();
                send(batch.stream().filter(wants).toList());
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (IOException e) {
            peer.close();
        }
    }

    private void send(List<Event> events) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        List<byte[]> lines = new ArrayList<>(events.size());
        for (Event e : events) {
            lines.add(hub.codec().encode(new Message.Notification(HubMethods.EVENT, Map.of("event", e.toJson()))));
        }
        blockedSince = System.nanoTime();
        try {
            peer.writeAll(lines);
        } finally {
            blockedSince = 0;
        }
    }

    /** True while a write to the peer has been blocked for over a second: it is not keeping up. */
    boolean lagging() {
        long since = blockedSince;
        return since != 0 && System.nanoTime() - since > LAGGING_NANOS;
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
