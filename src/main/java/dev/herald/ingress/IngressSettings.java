package dev.herald.ingress;

import java.time.Duration;

/**
 * How the HTTP listener bounds its work. Immutable; tests shorten the times.
 *
 * @param maxRequests   requests served at once (an open event stream holds one)
 * @param slotWait      how long a request past {@code maxRequests} waits for a slot before 503
 * @param maxBodyBytes  largest request body; past it 413, as soon as the length says so or the stream passes it
 * @param bodyDeadline  the whole body must arrive within this, or the connection is cut
 * @param heartbeat     an event stream with nothing to send writes a comment this often
 * @param tolerance     how far a Standard Webhooks timestamp may be from now
 */
record IngressSettings(int maxRequests, Duration slotWait, int maxBodyBytes, Duration bodyDeadline, Duration heartbeat,
        Duration tolerance) {
    static final IngressSettings DEFAULT = new IngressSettings(64, Duration.ofSeconds(1), 1024 * 1024, Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofMinutes(5));
}
