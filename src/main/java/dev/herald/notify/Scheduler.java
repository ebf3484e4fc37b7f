package dev.herald.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs delayed and periodic background jobs that emit notifications. Thread-safe. Production
 * time is the wall clock; tests substitute a manual clock and advance it themselves.
 */
public interface Scheduler extends AutoCloseable {

    /** A scheduled job; cancelling it is idempotent. */
    interface Job {
        void cancel();
    }

    /** Runs {@code task} once after {@code delay}. */
    Job after(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, the first time one period from now. */
    Job every(Duration period, Runnable task);

    /** The scheduler's current time. */
    Instant now();

    /** Cancels every job; nothing runs afterwards. Idempotent. */
    @Override
    void close();
}
