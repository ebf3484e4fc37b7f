package dev.herald.journal;

import java.time.Duration;

/**
 * How long the journal keeps events: the first limit reached wins. Applied a whole segment at a
 * time, so up to one segment more than {@code maxEvents} may remain.
 */
public record Retention(Duration maxAge, long maxEvents) {
    public static final Retention DEFAULT = new Retention(Duration.ofDays(7), 100_000);

    public Retention {
        if (maxAge.isNegative() || maxAge.isZero() || maxEvents < 1) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }
}
