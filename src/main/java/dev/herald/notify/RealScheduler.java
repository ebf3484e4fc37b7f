package dev.herald.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock scheduler whose jobs run on one virtual thread, one job at a time, so a job never
 * races another job. Jobs must not block: they only queue notifications, which never waits.
 */
public final class RealScheduler implements Scheduler {
    private static final Logger log = LoggerFactory.getLogger(RealScheduler.class);

    private static final Job NONE = () -> { };

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("herald-scheduler").factory());

    @Override
    public Job after(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> future = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return NONE; // closed: nothing runs any more
        }
    }

    @Override
    public Job every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        try {
            ScheduledFuture<?> future = executor.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return NONE;
        }
    }

    /** A failing job is logged and keeps its schedule. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("A background job failed", e);
            }
        };
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
