package dev.herald.hub;

import dev.herald.journal.Retention;

/**
 * How a hub runs, whichever process it is in. Immutable.
 *
 * @param senderRate  events a second each sender may publish, on average
 * @param senderBurst events a sender may publish at once before the rate applies
 */
public record HubSettings(Retention retention, double senderRate, int senderBurst) {
    public static final HubSettings DEFAULT = new HubSettings(Retention.DEFAULT, 20, 100);
    /** Longest line a hub client may send: a whole event fits many times over. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;
    /** Most connections a hub serves at once; one more is closed at once. */
    public static final int MAX_PEERS = 1024;
}
