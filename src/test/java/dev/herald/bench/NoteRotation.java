package dev.herald.bench;

/**
 * Note slots for the soak's add_note → update_note → update_note → remove_note cycles, a fresh name per
 * cycle, one operation in flight per slot, so at most {@value #SLOTS} notes are alive and every call should
 * succeed: the main thread picks and sends, soak-reader records the answers; synchronized.
 */
final class NoteRotation {
    static final int SLOTS = 50;
    private static final Ledger.Kind[] CYCLE = {
        Ledger.Kind.ADD_NOTE, Ledger.Kind.UPDATE_NOTE, Ledger.Kind.UPDATE_NOTE, Ledger.Kind.REMOVE_NOTE};

    private final int[] step = new int[SLOTS];
    private final int[] generation = new int[SLOTS];
    private final long[] inFlight = new long[SLOTS];
    private int cursor;
    private int alive;
    private int maxAlive;

    /** A slot with no operation in flight, or -1 if all are busy. */
    synchronized int free() {
        for (int k = 0; k < SLOTS; k++) {
            int slot = (cursor + k) % SLOTS;
            if (inFlight[slot] == 0) {
                cursor = (slot + 1) % SLOTS;
                return slot;
            }
        }
        return -1;
    }

    /** The operation due on {@code slot}. */
    synchronized Ledger.Kind kind(int slot) {
        return CYCLE[step[slot]];
    }

    /** The note name of {@code slot}'s current cycle. */
    synchronized String name(int slot) {
        return "soak-" + slot + "-" + generation[slot];
    }

    /** Main thread, after issuing {@code id} and before writing it. */
    synchronized void sent(int slot, long id) {
        inFlight[slot] = id;
    }

    /** Soak-reader, at the answer to {@code id}; the slot moves on either way (a failure is reported elsewhere). */
    synchronized void answered(long id, boolean ok) {
        for (int slot = 0; slot < SLOTS; slot++) {
            if (inFlight[slot] == id) {
                inFlight[slot] = 0;
                Ledger.Kind done = CYCLE[step[slot]];
                if (ok && done == Ledger.Kind.ADD_NOTE) {
                    maxAlive = Math.max(maxAlive, ++alive);
                } else if (ok && done == Ledger.Kind.REMOVE_NOTE) {
                    alive--;
                }
                step[slot] = (step[slot] + 1) % CYCLE.length;
                if (step[slot] == 0) {
                    generation[slot]++;
                }
                return;
            }
        }
    }

    synchronized String summary() {
        int cycles = 0;
        for (int g : generation) {
            cycles += g;
        }
        return cycles + " add/update/update/remove cycles completed over " + SLOTS + " slots; notes alive at the end "
                + alive + ", at most " + maxAlive;
    }
}
