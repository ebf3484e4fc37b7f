package dev.herald.journal;

import dev.herald.event.Draft;
import dev.herald.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ordered, durable log of events. Every method is thread-safe. Ids increase in append order,
 * so "the events after id X" names a position that survives restarts and hand-overs.
 */
public interface Journal extends AutoCloseable {

    /**
     * Stores an event made of {@code draft}, with its id and time given now. The future completes
     * with the stored event once it is on disk, or fails with {@link JournalException}; never earlier.
     */
    CompletableFuture<Event> append(String sender, Draft draft, String nonce);

    /** Up to {@code max} retained events with id above {@code after}, in order. */
    List<Event> read(long after, int max) throws JournalException;

    /** Told each event of a {@link #scan}, in order; returns false to stop. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(Event event);
    }

    /**
     * Visits the retained events after {@code after} up to {@code upTo} (inclusive), in order, a
     * chunk at a time, until the visitor returns false. Returns the id of the last event visited,
     * or {@code after} if none was.
     */
    default long scan(long after, long upTo, Visitor visitor) throws JournalException {
        long at = after;
        while (at < upTo) {
            List<Event> chunk = read(at, 1024);
            if (chunk.isEmpty()) {
                break;
            }
            for (Event e : chunk) {
                if (e.id() > upTo) {
                    return at;
                }
                at = e.id();
                if (!visitor.visit(e)) {
                    return at;
                }
            }
        }
        return at;
    }

    /** The retained event with this id, or null. */
    Event find(long id) throws JournalException;

    /** The id of the newest durable event, 0 when there is none. */
    long head();

    /** The id of the oldest retained event, or {@code head() + 1} when none is retained. */
    long first();

    /** Every event with an id up to this one may have been removed by retention; 0 if none ever was. */
    long removedUpTo();

    /** Waits until {@link #head()} passes {@code after}, at most {@code timeout}; returns the head. */
    long awaitAfter(long after, Duration timeout) throws InterruptedException;

    /** Writes what is queued, then closes; later appends fail. Idempotent. */
    @Override
    void close();
}
