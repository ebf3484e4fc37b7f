package dev.herald.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading over HTTP: a page of the journal, and the event stream resumed with Last-Event-ID. */
@Timeout(60)
class ReadsTest {
    @TempDir
    Path dir;

    /** An event stream's lines, read on a thread of their own. */
    static final class Lines implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        Lines(Listener l, String path, String... headers) throws Exception {
            var request = l.authed(path).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            response = l.http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            Thread.ofVirtual().start(() -> {
                try {
                    response.body().forEach(queue::add);
                } catch (RuntimeException e) {
                    // closed
                }
            });
        }

        String next() throws InterruptedException {
            String line = queue.poll(Listener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no line from the stream");
            }
            return line;
        }

        /** The next event frame: its id: line and its data: line, skipping comments and blank lines. */
        String[] frame() throws InterruptedException {
            while (true) {
                String line = next();
                if (line.startsWith("id: ")) {
                    String data = next();
                    assertTrue(data.startsWith("data: "), data);
                    assertEquals("", next(), "a blank line ends the frame");
                    return new String[] {line.substring(4), data.substring(6)};
                }
                assertTrue(line.isEmpty() || line.startsWith(":"), line);
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static String publish(Listener l, String topic, String body) throws Exception {
        return Listener.json(l.post("/" + topic, "text/plain", body)).path("id").asText();
    }

    @Test
    void aPollPagesThroughTheJournalByTopicSinceAndLimit() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            List<String> ids = new ArrayList<>();
            for (String t : List.of("ci/a", "ops", "ci/b", "ci/a", "ops")) {
                ids.add(publish(l, t, "on " + t));
            }
            JsonNode all = Listener.json(l.get("/v1/events"));
            assertEquals(5, all.path("events").size());
            assertFalse(all.path("hasMore").asBoolean());
            assertEquals(ids.get(4), all.path("head").asText());
            JsonNode page = Listener.json(l.get("/v1/events?topic=ci/*&limit=2"));
            assertEquals(List.of(ids.get(0), ids.get(2)), idsOf(page));
            assertTrue(page.path("hasMore").asBoolean());
            JsonNode next = Listener.json(l.get("/v1/events?topic=ci/*&limit=2&since=" + ids.get(2)));
            assertEquals(List.of(ids.get(3)), idsOf(next));
            assertFalse(next.path("hasMore").asBoolean());
            JsonNode exact = Listener.json(l.get("/v1/events?topic=ops"));
            assertEquals(List.of(ids.get(1), ids.get(4)), idsOf(exact));
            assertEquals("http:token", exact.path("events").path(0).path("sender").asText());
        }
    }

    @Test
    void theStreamSendsNewEventsWithTheirIdsAndResumesAfterLastEventId() throws Exception {
        try (Listener l = new Listener(dir, Listener.quick())) {
            String a = publish(l, "x", "a");
            String b = publish(l, "x", "b");
            publish(l, "y", "c");
            String d;
            String f;
            try (Lines live = new Lines(l, "/v1/events/stream?topic=x")) {
                assertEquals(200, live.response.statusCode());
                assertTrue(live.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
                assertTrue(live.next().startsWith(": herald events after"), "a comment first, so the client knows it is connected");
                d = publish(l, "x", "d");
                publish(l, "y", "e");
                f = publish(l, "x", "f");
                String[] first = live.frame();
                assertEquals(d, first[0], "only what came after it opened, on its topic");
                JsonNode event = Listener.JSON.readTree(first[1]);
                assertEquals(d, event.path("id").asText());
                assertEquals("d", event.path("body").asText());
                assertEquals(f, live.frame()[0]);
            }
            try (Lines resumed = new Lines(l, "/v1/events/stream?topic=x", "Last-Event-ID", a)) {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    got.add(resumed.frame()[0]);
                }
                assertEquals(List.of(b, d, f), got, "what it missed, in order, and nothing twice");
                String g = publish(l, "x", "g");
                assertEquals(g, resumed.frame()[0]);
            }
            try (Lines since = new Lines(l, "/v1/events/stream?since=" + d)) {
                assertEquals(List.of("e", "f", "g"), List.of(body(since.frame()), body(since.frame()), body(since.frame())));
            }
        }
    }

    @Test
    void anIdleStreamSendsAHeartbeatComment() throws Exception {
        try (Listener l = new Listener(dir, Listener.quick()); Lines idle = new Lines(l, "/v1/events/stream")) {
            assertTrue(idle.next().startsWith(": herald events after"));
            assertEquals("", idle.next());
            assertEquals(": heartbeat", idle.next());
        }
    }

    @Test
    void aBadLastEventIdIs400() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            var r = l.send(l.authed("/v1/events/stream").GET().header("Last-Event-ID", "not-an-id"));
            assertEquals(400, r.statusCode());
            assertTrue(Listener.json(r).path("error").asText().contains("Last-Event-ID"));
        }
    }

    private static String body(String[] frame) throws Exception {
        return Listener.JSON.readTree(frame[1]).path("body").asText();
    }

    private static List<String> idsOf(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("events").forEach(e -> out.add(e.path("id").asText()));
        return out;
    }
}
