package dev.herald.hub;

import dev.herald.journal.Retention;
import java.time.Duration;

/**
 * How a hub runs, whichever process it is in. Immutable.
 *
 * @param senderRate  events a second each sender may publish, on average
 * @param senderBurst events a sender may publish at once before the rate applies
 * @param roomIdle    how long a chat room member may be silent before it is removed (1 minute to 1 day)
 */
public record HubSettings(Retention retention, double senderRate, int senderBurst, Duration roomIdle) {
    /** A member silent this long leaves its chat rooms (reason timeout), by default. */
    public static final Duration ROOM_IDLE = Duration.ofMinutes(30);
    public static final HubSettings DEFAULT = new HubSettings(Retention.DEFAULT, 20, 100);
    /** Longest line a hub client may send: a whole event fits many times over. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;
    /** Most connections a hub serves at once; one more is closed at once. */
    public static final int MAX_PEERS = 1024;

    /** With the default room idle limit. */
    public HubSettings(Retention retention, double senderRate, int senderBurst) {
        this(retention, senderRate, senderBurst, ROOM_IDLE);
    }

    public HubSettings withRoomIdle(Duration idle) {
        return new HubSettings(retention, senderRate, senderBurst, idle);
    }
}
