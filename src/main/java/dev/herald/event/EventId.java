package dev.herald.event;

import java.time.Instant;

/**
 * Event ids: 64-bit numbers, the arrival millisecond in the high 48 bits and a counter in the low
 * 16, written as 16 lower-case hex digits, so that ids sort by arrival both as numbers and as
 * text. The journal makes each id larger than the one before, whatever the clock does.
 */
public final class EventId {
    private EventId() {
        throw new AssertionError();
    }

    /** The smallest id that may follow {@code previous} at time {@code now}. */
    public static long next(long previous, Instant now) {
        return Math.max(previous + 1, floor(now));
    }

    /** The smallest id an event arriving at {@code time} can have: every id below it arrived earlier. */
    public static long floor(Instant time) {
        return Math.max(0, time.toEpochMilli()) << 16;
    }

    /** The arrival time an id encodes. */
    public static Instant time(long id) {
        return Instant.ofEpochMilli(id >>> 16);
    }

    public static String format(long id) {
        String hex = Long.toHexString(id);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** The id written as {@code text}, or -1 if it is not 16 hex digits. */
    public static long parse(String text) {
        if (text == null || text.length() != 16) {
            return -1;
        }
        try {
            long id = Long.parseUnsignedLong(text, 16);
            return id < 0 ? -1 : id;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
