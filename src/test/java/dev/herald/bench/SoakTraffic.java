package dev.herald.bench;

import static dev.herald.bench.Bytes.bytes;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Random;

/**
 * The soak's requests: a weighted mix sent one at a time at the caller's pace, plus timed extras (a long
 * operation cancelled shortly after, clock subscribe/unsubscribe, background tasks, malformed lines); main thread.
 */
final class SoakTraffic {
    static final int PROGRESS_STEPS = 20;
    static final long CANCEL_AFTER_NANOS = 200_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int MAX_TASKS = 10;
    /** A task runs 5 ticks of 200 ms after its start; it is counted as running for twice that. */
    private static final long TASK_LIFE_NANOS = 2 * SECOND;

    private static final byte[] ECHO = tool("echo", "{\"message\":\"soak\"}");
    private static final byte[] LIST = bytes(",\"method\":\"tools/list\"}\n");
    private static final byte[] READ = bytes(",\"method\":\"resources/read\",\"params\":{\"uri\":\"herald://status\"}}\n");
    private static final byte[] PING = bytes(",\"method\":\"ping\"}\n");
    private static final byte[] SUBSCRIBE = bytes(",\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"herald://clock\"}}\n");
    private static final byte[] UNSUBSCRIBE = bytes(",\"method\":\"resources/unsubscribe\",\"params\":{\"uri\":\"herald://clock\"}}\n");
    private static final byte[][] NOTIFY = {
        tool("send_notification", "{\"message\":\"soak\",\"priority\":\"low\"}"),
        tool("send_notification", "{\"message\":\"soak\",\"priority\":\"normal\"}"),
        tool("send_notification", "{\"message\":\"soak\",\"priority\":\"high\"}"),
        tool("send_notification", "{\"message\":\"soak\",\"priority\":\"urgent\"}")};
    private static final byte[][] SET_LEVEL = {level("debug"), level("info"), level("notice"), level("warning")};
    static final byte[] NOT_JSON = bytes("not json\n");
    static final byte[] NULL_ID = bytes("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}\n");

    /** The mix, in percent: echo, ping, tools/list, status read, progress call, send_notification, setLevel, notes. */
    private static final int[] WEIGHTS = {38, 12, 6, 6, 4, 10, 4, 20};

    private final Child c;
    private final Ledger ledger;
    private final SoakClock clock;
    private final NoteRotation notes;
    private final Random random = new Random(20261121);
    private final ArrayDeque<long[]> cancels = new ArrayDeque<>(); // {id, due}
    private final ArrayDeque<Long> taskStarts = new ArrayDeque<>();
    private int rotation;
    private long tasks;
    private long nextCancellable;
    private long nextTask;
    private long nextMalformed;
    private long nextClock;
    long notJsonSent;
    long nullIdSent;
    long cancelsSent;

    SoakTraffic(Child c, Ledger ledger, SoakClock clock, NoteRotation notes, long start) {
        this.c = c;
        this.ledger = ledger;
        this.clock = clock;
        this.notes = notes;
        this.nextCancellable = start + SECOND;
        this.nextTask = start + SECOND / 2;
        this.nextMalformed = start + 3 * SECOND;
        this.nextClock = start + 2 * SECOND;
    }

    private static byte[] tool(String name, String arguments) {
        return bytes(",\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "\",\"arguments\":" + arguments + "}}\n");
    }

    private static byte[] level(String level) {
        return bytes(",\"method\":\"logging/setLevel\",\"params\":{\"level\":\"" + level + "\"}}\n");
    }

    /** Sends one request of the weighted mix. */
    void one() throws IOException {
        int r = random.nextInt(100);
        int pick = 0;
        while (r >= WEIGHTS[pick]) {
            r -= WEIGHTS[pick++];
        }
        switch (pick) {
            case 0 -> send(Ledger.Kind.ECHO, ECHO);
            case 1 -> send(Ledger.Kind.PING, PING);
            case 2 -> send(Ledger.Kind.LIST, LIST);
            case 3 -> send(Ledger.Kind.READ, READ);
            case 4 -> longRunning(Ledger.Kind.PROGRESS, PROGRESS_STEPS, 5);
            case 5 -> send(Ledger.Kind.NOTIFY, NOTIFY[rotation++ & 3]);
            case 6 -> send(Ledger.Kind.SET_LEVEL, SET_LEVEL[rotation++ & 3]);
            default -> note();
        }
    }

    /** Sends what is due at {@code now}: cancels, a cancellable operation every 2 s, a task every 250 ms, clock toggles, malformed lines every 5 s. */
    void timed(long now) throws IOException {
        while (!cancels.isEmpty() && cancels.peekFirst()[1] <= now) {
            cancel(cancels.pollFirst()[0], now);
        }
        if (now >= nextCancellable) {
            long id = longRunning(Ledger.Kind.CANCELLED, 1000, 100);
            cancels.addLast(new long[] {id, now + CANCEL_AFTER_NANOS});
            nextCancellable = now + 2 * SECOND;
        }
        if (now >= nextTask) {
            while (!taskStarts.isEmpty() && now - taskStarts.peekFirst() > TASK_LIFE_NANOS) {
                taskStarts.pollFirst();
            }
            if (taskStarts.size() < MAX_TASKS) {
                taskStarts.addLast(now);
                send(Ledger.Kind.TASK, tool("start_background_task", "{\"name\":\"soak-" + ++tasks + "\",\"ticks\":5,\"interval_ms\":200}"));
            }
            nextTask = now + SECOND / 4;
        }
        if (now >= nextMalformed) {
            c.write(NOT_JSON);
            notJsonSent++;
            c.write(NULL_ID);
            nullIdSent++;
            nextMalformed = now + 5 * SECOND;
        }
        if (now >= nextClock) {
            if (clock.subscribed()) {
                clock.unsubscribing();
                send(Ledger.Kind.UNSUBSCRIBE, UNSUBSCRIBE);
                nextClock = now + 4 * SECOND;
            } else {
                clock.subscribing(now);
                send(Ledger.Kind.SUBSCRIBE, SUBSCRIBE);
                nextClock = now + 8 * SECOND;
            }
        }
    }

    /** At the end of the traffic: sends the cancels still due and closes the clock subscription. */
    void finish(long now) throws IOException {
        while (!cancels.isEmpty()) {
            cancel(cancels.pollFirst()[0], now);
        }
        if (clock.subscribed()) {
            clock.unsubscribing();
            send(Ledger.Kind.UNSUBSCRIBE, UNSUBSCRIBE);
        }
    }

    long tasksStarted() {
        return tasks;
    }

    private long send(Ledger.Kind kind, byte[] tail) throws IOException {
        long id = ledger.issue(kind);
        c.writeRequest(id, tail);
        return id;
    }

    /** long_running_operation with the request id as its (integer) progress token. */
    private long longRunning(Ledger.Kind kind, int steps, int stepMs) throws IOException {
        long id = ledger.issue(kind);
        c.writeRequest(id, bytes(",\"method\":\"tools/call\",\"params\":{\"name\":\"long_running_operation\",\"arguments\":{\"steps\":"
                + steps + ",\"step_ms\":" + stepMs + "},\"_meta\":{\"progressToken\":" + id + "}}}\n"));
        return id;
    }

    /** The next note operation of a free slot, or an echo when every slot has one in flight. */
    private void note() throws IOException {
        int slot = notes.free();
        if (slot < 0) {
            send(Ledger.Kind.ECHO, ECHO);
            return;
        }
        Ledger.Kind kind = notes.kind(slot);
        String name = notes.name(slot);
        long id = ledger.issue(kind);
        notes.sent(slot, id);
        String args = switch (kind) {
            case ADD_NOTE -> "{\"name\":\"" + name + "\",\"text\":\"soak note " + name + "\"}";
            case UPDATE_NOTE -> "{\"name\":\"" + name + "\",\"text\":\"updated " + id + "\"}";
            default -> "{\"name\":\"" + name + "\"}";
        };
        String tool = kind == Ledger.Kind.ADD_NOTE ? "add_note" : kind == Ledger.Kind.UPDATE_NOTE ? "update_note" : "remove_note";
        c.writeRequest(id, tool(tool, args));
    }

    private void cancel(long id, long now) throws IOException {
        ledger.cancel(id, now);
        c.write(bytes("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id
                + ",\"reason\":\"soak\"}}\n"));
        cancelsSent++;
    }
}
