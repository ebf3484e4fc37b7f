package dev.herald.rooms;

import java.time.Instant;

/**
 * One member of one room, as the hub keeps it: who, when it last spoke (or joined), and its
 * message bucket ({@value #RATE} a second, bursts of {@value #BURST}). Mutable; guarded by the
 * {@link Lobby}'s lock.
 */
final class Member {
    static final double RATE = 10;
    static final int BURST = 30;

    final RoomEvent.Person person;
    Instant lastActive;
    private double tokens = BURST;
    private long at = System.nanoTime();

    Member(RoomEvent.Person person, Instant lastActive) {
        this.person = person;
        this.lastActive = lastActive;
    }

    /** Takes one message from the bucket: 0 if granted, else the milliseconds until one is free. */
    long take(long nowNanos) {
        tokens = Math.min(BURST, tokens + (nowNanos - at) / 1e9 * RATE);
        at = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / RATE * 1000);
    }
}
