package dev.herald.hub;

import dev.herald.event.Draft;
import dev.herald.event.EventId;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The way into the journal: rate limit per sender, then dedup (a repeated {@code dedupKey} within
 * 24 hours, or a publisher's resent nonce within 10 minutes, is answered with the first event's
 * id), then the durable append. Only ids are remembered, so memory stays small whatever the
 * events hold. Thread-safe; a duplicate that arrives while the first is still being written waits
 * for it.
 */
public final class Publisher {
    static final Duration DEDUP_WINDOW = Duration.ofHours(24);
    /** A resend follows a lost acknowledgement within seconds; ten minutes is ample. */
    static final Duration NONCE_WINDOW = Duration.ofMinutes(10);
    /** Most keys remembered in each window: as many as the journal retains by default. */
    static final int MAX_KEPT = 100_000;

    /** What a publish comes to: the stored event's id and time, and whether it was a duplicate of an earlier one. */
    public record Outcome(long id, Instant time, boolean duplicate) {
        public String idText() {
            return EventId.format(id);
        }
    }

    /** Refused before reaching the journal: over the rate limit. */
    public static final class RateLimitedException extends Exception {
        private final long retryAfterMs;

        public long retryAfterMs() {
            return retryAfterMs;
        }

        RateLimitedException(String sender, long retryAfterMs) {
            super("rate limit: " + sender + " is publishing too fast; retry in " + retryAfterMs + " ms", null, false, false);
            this.retryAfterMs = retryAfterMs;
        }
    }

    /** A stored event's id and time: all a duplicate needs to be answered with. */
    private record Stamp(long id, Instant time) {}

    /** One remembered key: the event's stamp once stored (pending until then), and when it was seen. */
    private record Seen(CompletableFuture<Stamp> id, Instant at) {}

    private final Journal journal;
    private final RateLimiter limiter;
    private final Supplier<Instant> clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Seen> keys = new LinkedHashMap<>(); // dedupKey → id, oldest first
    private final Map<String, Seen> nonces = new LinkedHashMap<>(); // sender:nonce → id, oldest first

    Publisher(Journal journal, RateLimiter limiter, Supplier<Instant> clock) throws JournalException {
        this.journal = journal;
        this.limiter = limiter;
        this.clock = clock;
        Instant now = clock.get();
        journal.scan(EventId.floor(now.minus(DEDUP_WINDOW)) - 1, journal.head(), e -> {
            CompletableFuture<Stamp> id = CompletableFuture.completedFuture(new Stamp(e.id(), e.time()));
            if (e.dedupKey() != null) {
                keys.put(e.dedupKey(), new Seen(id, e.time()));
            }
            if (e.nonce() != null && e.time().isAfter(now.minus(NONCE_WINDOW))) {
                nonces.put(e.nonce(), new Seen(id, e.time()));
            }
            return true;
        });
        expire(now);
    }

    /** Publishes; the future completes once the event (or the earlier one it duplicates) is durable. */
    CompletableFuture<Outcome> publish(String sender, Draft draft, String nonce) throws RateLimitedException {
        Instant now = clock.get();
        String key = draft.dedupKey();
        String scoped = nonce == null ? null : sender + ":" + nonce; // one publisher's nonce cannot stand for another's
        CompletableFuture<Stamp> stored;
        lock.lock(); // the check and the claim are one step, so two racing duplicates cannot both be stored
        try {
            expire(now);
            Seen earlier = scoped == null ? null : nonces.get(scoped);
            if (earlier == null && key != null) {
                earlier = keys.get(key);
            }
            if (earlier != null) {
                return earlier.id().thenApply(stamp -> new Outcome(stamp.id(), stamp.time(), true));
            }
            long wait = limiter.take(sender, System.nanoTime());
            if (wait > 0) {
                throw new RateLimitedException(sender, wait);
            }
            stored = journal.append(sender, draft, scoped).thenApply(e -> new Stamp(e.id(), e.time()));
            Seen mine = new Seen(stored, now);
            if (key != null) {
                keys.put(key, mine);
            }
            if (scoped != null) {
                nonces.put(scoped, mine);
            }
        } finally {
            lock.unlock();
        }
        stored.whenComplete((id, failure) -> {
            if (failure != null) {
                forget(key, scoped, stored); // not stored: a retry must be able to store it
            }
        });
        return stored.thenApply(stamp -> new Outcome(stamp.id(), stamp.time(), false));
    }

    private void forget(String key, String scoped, CompletableFuture<Stamp> stored) {
        lock.lock();
        try {
            if (key != null && keys.get(key) != null && keys.get(key).id() == stored) {
                keys.remove(key);
            }
            if (scoped != null && nonces.get(scoped) != null && nonces.get(scoped).id() == stored) {
                nonces.remove(scoped);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: drops what is past its window, or past the most kept; oldest first. */
    private void expire(Instant now) {
        expire(keys, now.minus(DEDUP_WINDOW));
        expire(nonces, now.minus(NONCE_WINDOW));
    }

    private static void expire(Map<String, Seen> seen, Instant cutoff) {
        Iterator<Seen> it = seen.values().iterator();
        while (it.hasNext()) {
            Seen oldest = it.next();
            if (!oldest.at().isBefore(cutoff) && seen.size() <= MAX_KEPT) {
                break;
            }
            it.remove();
        }
    }
}
