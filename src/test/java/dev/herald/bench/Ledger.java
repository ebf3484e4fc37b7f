package dev.herald.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every request id the soak sent, its kind and what became of it: the main thread issues and cancels, soak-reader settles; synchronized. */
final class Ledger {
    /** What the soak sends, one kind per request; its label names the method (and tool) in the report. */
    enum Kind {
        ECHO("tools/call echo"),
        LIST("tools/list"),
        READ("resources/read herald://status"),
        PING("ping"),
        PROGRESS("tools/call long_running_operation 20×5 ms, progress token"),
        CANCELLED("tools/call long_running_operation 1000×100 ms, then cancelled"),
        NOTIFY("tools/call send_notification"),
        SET_LEVEL("logging/setLevel"),
        SUBSCRIBE("resources/subscribe herald://clock"),
        UNSUBSCRIBE("resources/unsubscribe herald://clock"),
        ADD_NOTE("tools/call add_note"),
        UPDATE_NOTE("tools/call update_note"),
        REMOVE_NOTE("tools/call remove_note"),
        TASK("tools/call start_background_task");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        boolean isToolCall() {
            return label.startsWith("tools/call");
        }
    }

    /** What an answer was, as far as the ledger can tell. */
    enum Answer { FIRST, DUPLICATE, TO_CANCELLED, NEVER_SENT }

    private static final Kind[] KINDS = Kind.values();
    private static final byte PENDING = 1;
    private static final byte ANSWERED = 2;
    private static final byte CANCELLED = 3;

    private byte[] kinds = new byte[1 << 16];
    private byte[] states = new byte[1 << 16];
    private final Map<Long, Long> cancelledAt = new HashMap<>();
    private final long[] sent = new long[KINDS.length];
    private final long[] answered = new long[KINDS.length];
    private long next = 1; // id 0 is initialize
    private long pending;
    private long duplicates;

    /** A fresh id for a request of {@code kind}, pending from now on; call it before writing the request. */
    synchronized long issue(Kind kind) {
        long id = next++;
        if (id >= kinds.length) {
            kinds = Arrays.copyOf(kinds, kinds.length * 2);
            states = Arrays.copyOf(states, states.length * 2);
        }
        kinds[(int) id] = (byte) kind.ordinal();
        states[(int) id] = PENDING;
        sent[kind.ordinal()]++;
        pending++;
        return id;
    }

    /** The client cancels {@code id} at {@code now} (nanoTime): no answer may come for it; false if it was no longer pending. */
    synchronized boolean cancel(long id, long now) {
        if (state(id) != PENDING) {
            return false;
        }
        states[(int) id] = CANCELLED;
        cancelledAt.put(id, now);
        pending--;
        return true;
    }

    /** Records an answer to {@code id}; only {@link Answer#FIRST} is a legitimate one. */
    synchronized Answer settle(long id) {
        switch (state(id)) {
            case PENDING -> {
                states[(int) id] = ANSWERED;
                answered[kinds[(int) id]]++;
                pending--;
                return Answer.FIRST;
            }
            case ANSWERED -> {
                duplicates++;
                return Answer.DUPLICATE;
            }
            case CANCELLED -> {
                return Answer.TO_CANCELLED;
            }
            default -> {
                return Answer.NEVER_SENT;
            }
        }
    }

    private byte state(long id) {
        return id > 0 && id < next ? states[(int) id] : 0;
    }

    /** The kind {@code id} was sent as, or null if it was never sent. */
    synchronized Kind kind(long id) {
        return state(id) == 0 ? null : KINDS[kinds[(int) id]];
    }

    synchronized boolean isAnswered(long id) {
        return state(id) == ANSWERED;
    }

    /** When {@code id} was cancelled (nanoTime), or 0 if it was not. */
    synchronized long cancelledAt(long id) {
        return cancelledAt.getOrDefault(id, 0L);
    }

    /** Requests sent, neither answered nor cancelled yet. */
    synchronized long pending() {
        return pending;
    }

    synchronized long sent(Kind k) {
        return sent[k.ordinal()];
    }

    synchronized long answered(Kind k) {
        return answered[k.ordinal()];
    }

    synchronized long sent() {
        return next - 1;
    }

    synchronized long answered() {
        return Arrays.stream(answered).sum();
    }

    synchronized long cancelled() {
        return cancelledAt.size();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** Up to {@code limit} pending ids with their kinds, oldest first. */
    synchronized List<String> unanswered(int limit) {
        List<String> ids = new ArrayList<>();
        for (long id = 1; id < next && ids.size() < limit; id++) {
            if (states[(int) id] == PENDING) {
                ids.add(id + " (" + KINDS[kinds[(int) id]].label + ")");
            }
        }
        return ids;
    }
}
