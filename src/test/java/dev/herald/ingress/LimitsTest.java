package dev.herald.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.hub.HubSettings;
import dev.herald.journal.Retention;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The listener's bounds: body size, slow bodies, requests at once, rate limits under 200 publishers, a journal that cannot store. */
@Timeout(120)
class LimitsTest {
    static final int TEN_MB = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aDeclared10MegabyteBodyIs413BeforeAnyOfItIsSent() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT); Raw raw = new Raw(l.port(), Listener.WAIT)) {
            raw.head("POST", "/v1/events", "Authorization: Bearer " + l.token, "Content-Type: application/json", "Content-Length: " + TEN_MB);
            raw.write("{\"body\":\"".getBytes(StandardCharsets.UTF_8)); // and nothing more: the answer cannot wait for the rest
            assertEquals(413, raw.status());
            assertTrue(raw.rest().contains("\"error\""));
            assertTrue(l.journal().isEmpty());
        }
    }

    @Test
    void aStreamed10MegabyteBodyIs413AsSoonAsItPassesTheLimit() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT); Raw raw = new Raw(l.port(), Listener.WAIT)) {
            raw.head("POST", "/big", "Authorization: Bearer " + l.token, "Content-Type: text/plain", "Transfer-Encoding: chunked");
            AtomicBoolean answered = new AtomicBoolean();
            AtomicLong sentWhenAnswered = new AtomicLong(-1);
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < TEN_MB && !answered.get()) {
                        raw.write(chunk);
                        sent.addAndGet(0x10000);
                    }
                    if (!answered.get()) {
                        raw.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    // the server closed the connection after answering: it did not read the rest
                }
            });
            int status = raw.status();
            sentWhenAnswered.set(sent.get());
            answered.set(true);
            writer.join();
            assertEquals(413, status);
            assertTrue(sentWhenAnswered.get() < TEN_MB, "answered after " + sentWhenAnswered.get() + " bytes");
            System.out.printf("chunked 10 MB body: 413 after %d bytes were sent%n", sentWhenAnswered.get());
            assertTrue(l.journal().isEmpty());
        }
    }

    @Test
    void aClientTricklingItsBodyIsCutOffAtTheDeadline() throws Exception {
        IngressSettings quick = Listener.quick();
        try (Listener l = new Listener(dir, quick)) {
            try (Raw slow = new Raw(l.port(), Listener.WAIT)) {
                slow.head("POST", "/slow", "Authorization: Bearer " + l.token, "Content-Length: 100");
                long started = System.nanoTime();
                slow.write("only ten b".getBytes(StandardCharsets.UTF_8));
                int end;
                try {
                    end = slow.in.read();
                } catch (IOException e) {
                    end = -1; // reset: cut off as well
                }
                long took = System.nanoTime() - started;
                assertEquals(-1, end, "the connection was closed with no answer");
                assertTrue(took >= quick.bodyDeadline().toNanos() * 9 / 10, "not before the deadline: " + took / 1_000_000 + " ms");
                assertTrue(took < Duration.ofSeconds(5).toNanos(), "by the body deadline, not the server's 10 s backstop: " + took / 1_000_000 + " ms");
            }
            try (Raw steady = new Raw(l.port(), Listener.WAIT)) { // a body that comes in pieces, but in time, is served
                steady.head("POST", "/slow", "Authorization: Bearer " + l.token, "Content-Length: 10");
                steady.write("half ".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(100); // the client being slow, not synchronisation
                steady.write("done!".getBytes(StandardCharsets.UTF_8));
                assertEquals(200, steady.status());
            }
            assertEquals(List.of("half done!"), l.journal().stream().map(e -> e.body()).toList());
        }
    }

    @Test
    void past64RequestsAtOnceTheNextWaitsBrieflyThenGets503() throws Exception {
        try (Listener l = new Listener(dir, Listener.quick())) {
            List<Raw> streams = new ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    Raw s = new Raw(l.port(), Listener.WAIT);
                    streams.add(s);
                    s.head("GET", "/v1/events/stream", "Authorization: Bearer " + l.token);
                    assertEquals(200, s.status(), "stream " + i); // its handler now holds a slot
                }
                HttpResponse<String> busy = l.send(l.request("/healthz").GET());
                assertEquals(503, busy.statusCode());
                assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
                assertTrue(Listener.json(busy).path("error").asText().startsWith("busy"));
                assertEquals(64, l.ingress.peak());
                streams.remove(0).close(); // its handler notices at its next heartbeat and gives the slot back
                long deadline = System.nanoTime() + Listener.WAIT.toNanos();
                int status = 0;
                while (status != 200 && System.nanoTime() < deadline) {
                    status = l.send(l.request("/healthz").GET()).statusCode(); // each try waits up to slotWait for the slot
                }
                assertEquals(200, status);
                assertEquals(64, l.ingress.peak());
            } finally {
                for (Raw s : streams) {
                    s.close();
                }
            }
        }
    }

    @Test
    void twoHundredConcurrentPublishersMeetTheRateLimitAndNothingFails() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger withoutRetryAfter = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < 200; p++) {
                int me = p;
                publishers.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < 3; i++) {
                            HttpResponse<String> r = l.send(l.authed("/v1/events").header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"load\",\"body\":\"p" + me + " #" + i + "\"}")));
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                            if (r.statusCode() == 429 && (r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) < 1
                                    || !Listener.json(r).path("retryAfterMs").isNumber())) {
                                withoutRetryAfter.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            long started = System.nanoTime();
            go.countDown();
            for (Thread t : publishers) {
                t.join();
            }
            System.out.printf("200 publishers x 3: %s in %d ms, at most %d at once%n", statuses, (System.nanoTime() - started) / 1_000_000,
                    l.ingress.peak());
            assertEquals(List.of(202, 429), statuses.keySet().stream().sorted().toList(), "only accepted or rate limited: " + statuses);
            int accepted = statuses.get(202).get();
            assertTrue(accepted >= HubSettings.DEFAULT.senderBurst() && accepted < 600, "accepted " + accepted);
            assertEquals(0, withoutRetryAfter.get());
            assertTrue(l.ingress.peak() <= 64, "peak " + l.ingress.peak());
            assertEquals(accepted, l.journal().size(), "every 202 is stored, nothing else");
        }
    }

    @Test
    void aSenderOverTheRateGets429WithRetryAfter() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT, new HubSettings(Retention.DEFAULT, 0.5, 2))) {
            assertEquals(200, l.post("/r", "text/plain", "1").statusCode());
            assertEquals(200, l.post("/r", "text/plain", "2").statusCode());
            HttpResponse<String> limited = l.post("/r", "text/plain", "3");
            assertEquals(429, limited.statusCode());
            long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 2, "Retry-After " + retry);
            assertTrue(Listener.json(limited).path("error").asText().contains("http:token"));
        }
    }

    @Test
    void aJournalThatCannotStoreIs503() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            l.hub.journal().close();
            HttpResponse<String> r = l.post("/v1/events", "application/json", "{\"body\":\"lost?\"}");
            assertEquals(503, r.statusCode());
            assertTrue(Listener.json(r).path("error").asText().startsWith("not stored"), r.body());
            assertEquals(503, l.post("/t", "text/plain", "lost?").statusCode());
        }
    }
}
