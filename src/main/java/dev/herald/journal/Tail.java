package dev.herald.journal;

import dev.herald.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest events in memory, bounded in count and bytes, so that live fan-out and short replays
 * never touch the disk. Not thread-safe: the journal guards it with its lock.
 */
final class Tail {
    private final Event[] ring;
    private final int[] sizes;
    private final long maxBytes;
    private int start;
    private int count;
    private long bytes;
    /** The id of the newest event not held here (evicted, or older than what was loaded); 0 if none. */
    private long floor;

    Tail(int maxEvents, long maxBytes, long floor) {
        this.ring = new Event[maxEvents];
        this.sizes = new int[maxEvents];
        this.maxBytes = maxBytes;
        this.floor = floor;
    }

    void add(Event event, int size) {
        while (count > 0 && (count == ring.length || bytes + size > maxBytes)) {
            evict();
        }
        int slot = (start + count) % ring.length;
        ring[slot] = event;
        sizes[slot] = size;
        bytes += size;
        count++;
    }

    /** True if every event after {@code after} is held here. */
    boolean covers(long after) {
        return floor <= after;
    }

    /** Up to {@code max} events with id above {@code after}; call only when {@link #covers} holds. */
    List<Event> after(long after, int max) {
        int lo = 0;
        int hi = count;
        while (lo < hi) { // first index whose id is above `after`
            int mid = (lo + hi) >>> 1;
            if (get(mid).id() <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<Event> out = new ArrayList<>(Math.min(max, count - lo));
        for (int i = lo; i < count && out.size() < max; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** Drops events below {@code firstRetained} (retention removed their segment). */
    void dropBelow(long firstRetained) {
        while (count > 0 && get(0).id() < firstRetained) {
            evict();
        }
        floor = Math.max(floor, firstRetained - 1);
    }

    private void evict() {
        floor = get(0).id();
        bytes -= sizes[start];
        ring[start] = null;
        start = (start + 1) % ring.length;
        count--;
    }

    private Event get(int i) {
        return ring[(start + i) % ring.length];
    }
}
