package dev.herald.server;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests in flight. The reader thread takes a permit per call; the call gives it back
 * when it ends. At the limit the reader waits briefly (calls that are finishing free permits fast,
 * which paces a pipelining client), but once a wait has failed, say because every call waits on a
 * slow tool, it refuses at once until some call ends: the reader must not stall on every request.
 */
final class InFlightLimit {
    static final Duration WAIT = Duration.ofMillis(50);

    private final Semaphore permits;
    private volatile boolean saturated;

    InFlightLimit(int max) {
        this.permits = new Semaphore(max);
    }

    /** Reader thread: true if one more call may start. */
    boolean acquire() {
        if (permits.tryAcquire()) {
            return true;
        }
        if (saturated) {
            return false;
        }
        try {
            if (permits.tryAcquire(WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saturated = true;
        return false;
    }

    /** A call ended. */
    void release() {
        saturated = false;
        permits.release();
    }
}
