package dev.herald.hub;

import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The way into the journal: rate limit per sender, then dedup (a repeated {@code dedupKey} within
 * 24 hours, or a publisher's resent nonce, is answered with the first event), then the durable
 * append. Thread-safe; a duplicate that arrives while the first is still being written waits for it.
 */
public final class Publisher {
    static final Duration DEDUP_WINDOW = Duration.ofHours(24);
    /** Most keys remembered: two per event the journal retains by default. */
    static final int MAX_KEPT = 200_000;

    /** What a publish comes to: the stored event, and whether it was a duplicate of an earlier one. */
    public record Outcome(Event event, boolean duplicate) {}

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

    private record Seen(CompletableFuture<Event> event, Instant at) {}

    private final Journal journal;
    private final RateLimiter limiter;
    private final Supplier<Instant> clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Seen> seen = new LinkedHashMap<>(); // "k:" + dedupKey or "n:" + sender:nonce, oldest first

    Publisher(Journal journal, RateLimiter limiter, Supplier<Instant> clock) throws JournalException {
        this.journal = journal;
        this.limiter = limiter;
        this.clock = clock;
        remember(journal.read(EventId.floor(clock.get().minus(DEDUP_WINDOW)) - 1, Integer.MAX_VALUE));
    }

    private void remember(List<Event> recent) {
        for (Event e : recent) {
            CompletableFuture<Event> done = CompletableFuture.completedFuture(e);
            if (e.dedupKey() != null) {
                seen.put("k:" + e.dedupKey(), new Seen(done, e.time()));
            }
            if (e.nonce() != null) {
                seen.put("n:" + e.nonce(), new Seen(done, e.time()));
            }
        }
    }

    /** Publishes; the future completes once the event (or the earlier one it duplicates) is durable. */
    CompletableFuture<Outcome> publish(String sender, Draft draft, String nonce) throws RateLimitedException {
        Instant now = clock.get();
        String key = draft.dedupKey() == null ? null : "k:" + draft.dedupKey();
        String scoped = nonce == null ? null : sender + ":" + nonce; // one publisher's nonce cannot stand for another's
        String nonceKey = scoped == null ? null : "n:" + scoped;
        CompletableFuture<Event> stored;
        lock.lock(); // the check and the claim are one step, so two racing duplicates cannot both be stored
        try {
            expire(now);
            Seen earlier = find(key, nonceKey);
            if (earlier != null) {
                return earlier.event().thenApply(e -> new Outcome(e, true));
            }
            long wait = limiter.take(sender, System.nanoTime());
            if (wait > 0) {
                throw new RateLimitedException(sender, wait);
            }
            stored = journal.append(sender, draft, scoped);
            Seen mine = new Seen(stored, now);
            if (key != null) {
                seen.put(key, mine);
            }
            if (nonceKey != null) {
                seen.put(nonceKey, mine);
            }
        } finally {
            lock.unlock();
        }
        stored.whenComplete((e, failure) -> {
            if (failure != null) {
                forget(key, nonceKey, stored); // not stored: a retry must be able to store it
            }
        });
        return stored.thenApply(e -> new Outcome(e, false));
    }

    private Seen find(String key, String nonceKey) {
        Seen byNonce = nonceKey == null ? null : seen.get(nonceKey);
        return byNonce != null ? byNonce : key == null ? null : seen.get(key);
    }

    private void forget(String key, String nonceKey, CompletableFuture<Event> stored) {
        lock.lock();
        try {
            for (String k : new String[] {key, nonceKey}) {
                if (k != null && seen.get(k) != null && seen.get(k).event() == stored) {
                    seen.remove(k);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: drops entries older than the window, or past the most kept; oldest first. */
    private void expire(Instant now) {
        Instant cutoff = now.minus(DEDUP_WINDOW);
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
