package dev.herald.bench;

import static dev.herald.bench.Bytes.bytes;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the soak child's stdout on its own thread (soak-reader) with {@link Lines}' byte scans, no JSON
 * parse: settles each answer in the {@link Ledger}, checks progress per token, counts notifications and
 * errors, records {@link Problems}. Its counters are read by the main thread once it has been joined.
 */
final class SoakReader implements Runnable {
    static final long LATE_PROGRESS_NANOS = 1_000_000_000L;
    private static final byte[] ID = bytes("\"id\":");
    private static final byte[] IS_ERROR = bytes("\"isError\":true");
    private static final byte[] CLOCK = bytes("\"uri\":\"herald://clock\"");

    private final Child c;
    private final Lines lines;
    private final Ledger ledger;
    private final SoakClock clock;
    private final NoteRotation notes;
    private final Problems problems;
    private final Map<Long, long[]> progress = new HashMap<>(); // token → {last value, count}
    final Map<String, long[]> notifications = new TreeMap<>();
    final Map<Integer, long[]> errors = new TreeMap<>(); // with an id
    final Map<Integer, long[]> idlessErrors = new TreeMap<>();
    long lineCount;
    long progressValues;
    long progressCompleted;
    long progressMerged;
    long progressBeforeCancel;
    long progressAfterCancel;
    long latestAfterCancel; // nanos
    private volatile boolean done;
    volatile String endedBy;

    SoakReader(Child c, Ledger ledger, SoakClock clock, NoteRotation notes, Problems problems) {
        this.c = c;
        this.lines = c.lines;
        this.ledger = ledger;
        this.clock = clock;
        this.notes = notes;
        this.problems = problems;
    }

    boolean done() {
        return done;
    }

    @Override
    public void run() {
        try {
            while (lines.next()) {
                line(System.nanoTime());
            }
            endedBy = "end of output";
        } catch (IOException | RuntimeException e) {
            endedBy = "reading failed: " + e;
        } finally {
            done = true;
        }
    }

    private void line(long now) {
        lineCount++;
        long id = lines.responseId();
        if (id >= 0) {
            response(id, now);
        } else if (id == Lines.NON_NUMERIC_ID) {
            problems.add("response with a string or null id (the soak sends integer ids only)", lines.text(300));
        } else {
            String method = lines.method();
            if (method != null && lines.contains(ID)) {
                problems.add("request from the server (none expected with client capabilities {})", lines.text(300));
            } else if (method != null) {
                notification(method, now);
            } else {
                int code = lines.errorCode();
                if (code != 0) {
                    idlessErrors.computeIfAbsent(code, k -> new long[1])[0]++;
                } else {
                    problems.add("unrecognised output line", lines.text(300));
                }
            }
        }
    }

    private void response(long id, long now) {
        boolean result = lines.isResult();
        int code = result ? 0 : lines.errorCode();
        Ledger.Answer answer = ledger.settle(id);
        Ledger.Kind kind = ledger.kind(id);
        String what = "id " + id + (kind == null ? "" : " (" + kind.label + ")") + ": " + lines.text(300);
        if (!result) {
            errors.computeIfAbsent(code, k -> new long[1])[0]++;
            problems.add("error response", what);
        }
        switch (answer) {
            case DUPLICATE -> problems.add("answered twice", what);
            case NEVER_SENT -> problems.add("answer to an id never sent", what);
            case TO_CANCELLED -> problems.add("answer to a cancelled request", String.format(Locale.ROOT,
                    "%.0f ms after the cancel was sent: %s", (now - ledger.cancelledAt(id)) / 1e6, what));
            case FIRST -> first(id, kind, result && !(kind.isToolCall() && lines.contains(IS_ERROR)), what, now);
        }
    }

    /** The first answer to {@code id}; {@code ok} unless an error or an isError tool result. */
    private void first(long id, Ledger.Kind kind, boolean ok, String what, long now) {
        if (!ok && kind.isToolCall() && lines.isResult()) {
            problems.add("isError tool result", what);
        }
        switch (kind) {
            case PROGRESS -> {
                long[] p = progress.remove(id);
                if (p == null || p[0] != SoakTraffic.PROGRESS_STEPS) {
                    problems.add("response before the last progress notification", "last progress "
                            + (p == null ? "none" : p[0] + " after " + p[1] + " notifications") + "; " + what);
                } else if (p[1] < SoakTraffic.PROGRESS_STEPS) {
                    progressMerged++;
                }
                progressCompleted++;
            }
            case CANCELLED -> problems.add("answer to a request before its cancel was sent (it runs 100 s)", what);
            case ADD_NOTE, UPDATE_NOTE, REMOVE_NOTE -> notes.answered(id, ok);
            case UNSUBSCRIBE -> clock.unsubscribed(now);
            default -> {
            }
        }
    }

    private void notification(String method, long now) {
        notifications.computeIfAbsent(method, k -> new long[1])[0]++;
        if (method.equals("notifications/progress")) {
            progress(now);
        } else if (method.equals("notifications/resources/updated")) {
            if (!lines.contains(CLOCK)) {
                problems.add("resources/updated for a resource not subscribed to", lines.text(300));
            } else if (!clock.update(now)) {
                problems.add("resources/updated for herald://clock while not subscribed", lines.text(300));
            }
        }
    }

    private void progress(long now) {
        long value = lines.progressValue();
        long token = lines.progressToken();
        Ledger.Kind kind = token < 0 ? null : ledger.kind(token);
        if (kind != Ledger.Kind.PROGRESS && kind != Ledger.Kind.CANCELLED) {
            problems.add("progress for a token never sent", lines.text(300));
            return;
        }
        progressValues++;
        if (ledger.isAnswered(token)) {
            problems.add("progress after its response", "token " + token + ": " + lines.text(300));
            return;
        }
        long[] p = progress.computeIfAbsent(token, k -> new long[2]);
        if (value <= p[0]) {
            problems.add("progress not strictly increasing", "token " + token + ": " + value + " after " + p[0]);
        }
        p[0] = Math.max(p[0], value);
        p[1]++;
        if (kind == Ledger.Kind.CANCELLED) {
            long cancelledAt = ledger.cancelledAt(token);
            if (cancelledAt == 0) {
                progressBeforeCancel++;
            } else if (now - cancelledAt <= LATE_PROGRESS_NANOS) {
                progressAfterCancel++; // in flight when the cancel went out
                latestAfterCancel = Math.max(latestAfterCancel, now - cancelledAt);
            } else {
                problems.add("progress more than 1 s after the request was cancelled", String.format(Locale.ROOT,
                        "%.0f ms after: %s", (now - cancelledAt) / 1e6, lines.text(300)));
            }
        }
    }

    /** Soak-reader gone early: the reason, with the child's exit status or the watchdog's verdict. */
    String endedEarly() {
        return c.eof(endedBy).getMessage();
    }
}
