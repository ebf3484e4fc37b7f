package dev.herald.ingress;

import com.sun.net.httpserver.HttpExchange;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.event.Priority;
import dev.herald.hub.Filter;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The reading endpoints, both behind the bearer token: {@code GET /v1/events} (a page of the
 * journal) and {@code GET /v1/events/stream} (server-sent events, {@code id:} the event id,
 * resumable with {@code Last-Event-ID}). Runs on the request's virtual thread; a stream holds it
 * until the client goes away or the listener closes.
 */
final class Reads {
    static final int MAX_LIMIT = 1000;

    private final Journal journal;
    private final Gate gate;
    private final IngressSettings settings;

    Reads(Journal journal, Gate gate, IngressSettings settings) {
        this.journal = journal;
        this.gate = gate;
        this.settings = settings;
    }

    /** {@code ?since=ID&topic=T&limit=N} → {@code {events, hasMore, head}}, oldest first. */
    void poll(HttpExchange x) throws Refusal, IOException {
        gate.bearer(x);
        Map<String, String> q = Http.query(x);
        long after = id(q.get("since"), 0, "since");
        Filter filter = filter(q.get("topic"));
        int limit = limit(q.get("limit"));
        long head = journal.head();
        List<Object> events = new ArrayList<>();
        boolean[] more = {false};
        try {
            journal.scan(after, head, e -> {
                if (filter.matches(e)) {
                    if (events.size() == limit) {
                        more[0] = true;
                        return false;
                    }
                    events.add(e.toJson());
                }
                return true;
            });
        } catch (JournalException e) {
            throw Refusal.of(Failure.NOT_STORED, "the journal cannot be read: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("hasMore", more[0]);
        out.put("head", EventId.format(head));
        Http.json(x, 200, out);
    }

    /** {@code ?topic=T&since=ID}: the events after Last-Event-ID (or since, or from now on), then each new one; a comment every heartbeat. */
    void stream(HttpExchange x, BooleanSupplier closed) throws Refusal, IOException {
        gate.bearer(x);
        Map<String, String> q = Http.query(x);
        Filter filter = filter(q.get("topic"));
        String resume = x.getRequestHeaders().getFirst("Last-Event-ID");
        long at = resume != null ? id(resume.trim(), -1, "Last-Event-ID") : id(q.get("since"), -1, "since");
        if (at < 0) {
            at = journal.head(); // neither: only what comes from now on
        }
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Accel-Buffering", "no");
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        write(out, ": herald events after " + EventId.format(at) + "\n\n");
        long heartbeat = settings.heartbeat().toNanos();
        try {
            while (!closed.getAsBoolean()) {
                long head = journal.head();
                if (head > at) {
                    at = journal.scan(at, head, e -> {
                        if (filter.matches(e)) {
                            frame(out, e);
                        }
                        return true;
                    });
                    out.flush();
                    continue;
                }
                long started = System.nanoTime();
                if (journal.awaitAfter(at, settings.heartbeat()) <= at) {
                    if (System.nanoTime() - started < heartbeat) {
                        return; // it returned early with nothing new: the journal is closed
                    }
                    write(out, ": heartbeat\n\n");
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away
        } catch (JournalException | InterruptedException e) {
            // the journal failed or the listener is closing: end the stream; the client resumes with Last-Event-ID
        } finally {
            out.close();
        }
    }

    private static void frame(OutputStream out, Event e) {
        try {
            out.write(("id: " + e.idText() + "\ndata: " + e.toJson() + "\n\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static long id(String text, long absent, String name) throws Refusal {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        long id = EventId.parse(text);
        if (id < 0) {
            throw Refusal.of(Failure.BAD_REQUEST, name + " must be an event id (16 hex digits)");
        }
        return id;
    }

    /** A topic (exact, or a prefix ending in {@code *}), or every topic. */
    private static Filter filter(String topic) {
        return topic == null || topic.isEmpty() ? Filter.ALL : new Filter(Set.of(topic), Priority.LOW);
    }

    private static int limit(String text) throws Refusal {
        if (text == null || text.isEmpty()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Refusal.of(Failure.BAD_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
