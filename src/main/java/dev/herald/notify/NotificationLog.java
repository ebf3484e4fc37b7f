package dev.herald.notify;

import dev.herald.protocol.Methods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Counts every notification Herald sent, by method, and keeps the last {@value #RECENT} of them
 * for the {@code herald://notifications/recent} resource. Written by the writer thread(s), read by
 * any thread; summaries are computed only when read.
 */
public final class NotificationLog {
    public static final int RECENT = 100;

    /** One sent notification: when (ISO-8601), which method, and a short human summary. */
    public record Entry(String time, String method, String summary) {
        public Instant instant() {
            return Instant.parse(time);
        }
    }

    private record Pending(Instant time, String method, Object params) {}

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Pending[] ring = new Pending[RECENT];
    private final AtomicLong version = new AtomicLong();
    private final Supplier<Instant> clock;
    private int next;
    private int size;

    public NotificationLog(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Records one notification as it goes out. */
    public void record(String method, Object params) {
        counts.computeIfAbsent(method, m -> new LongAdder()).increment();
        Pending entry = new Pending(clock.get(), method, params);
        lock.lock();
        try {
            ring[next] = entry;
            next = (next + 1) % RECENT;
            size = Math.min(size + 1, RECENT);
        } finally {
            lock.unlock();
        }
        if (!method.equals(Methods.NOTIFICATIONS_RESOURCES_UPDATED)) {
            version.incrementAndGet(); // an update announcing this log must not count as a change to it
        }
    }

    /** Notifications sent so far, by method, sorted by method. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((method, count) -> snapshot.put(method, count.sum()));
        return snapshot;
    }

    /** Changes each time a notification other than resources/updated is recorded. */
    public long version() {
        return version.get();
    }

    /** The last notifications, oldest first. */
    public List<Entry> recent() {
        List<Pending> copy = new ArrayList<>(size);
        lock.lock();
        try {
            for (int i = 0; i < size; i++) {
                copy.add(ring[(next - size + i + RECENT) % RECENT]);
            }
        } finally {
            lock.unlock();
        }
        return copy.stream().map(p -> new Entry(p.time().toString(), p.method(), Summaries.of(p.method(), p.params()))).toList();
    }
}
