package dev.herald.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real hub in this JVM, with real clients on its socket: replay's cap, rate limits, filters, hello first. */
class HubTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static final class Recorder implements HubClient.Listener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> replays = new CopyOnWriteArrayList<>();
        final CountDownLatch got;

        Recorder(int expected) {
            got = new CountDownLatch(expected);
        }

        @Override
        public String lastSeen() {
            return events.isEmpty() ? null : events.get(events.size() - 1).idText();
        }

        @Override
        public void onEvent(Event event) {
            events.add(event);
            got.countDown();
        }

        @Override
        public void onReplay(int skipped, String from, String to) {
            replays.add(skipped + " " + from + " " + to);
        }
    }

    private static JsonNode publish(HubClient c, String body, String to) throws Exception {
        Map<String, Object> event = to == null ? Map.of("body", body) : Map.of("body", body, "to", List.of(to));
        return c.request(HubMethods.PUBLISH, Map.of("event", event, "nonce", body), WAIT);
    }

    @Test
    void anInboxAwayForLongGetsTheNewestHundredAfterOneReplayNotice() throws Exception {
        HeraldHome home = HeraldHome.open(dir.resolve("home"));
        try (Hub hub = Hub.start(home, new HubSettings(dev.herald.journal.Retention.DEFAULT, 1000, 1000), Instant::now);
                HubClient cli = HubClient.start(home, new HubClient.Hello("cli", "t", null), new Recorder(0))) {
            for (int i = 0; i < 130; i++) {
                publish(cli, "e" + i, "away");
            }
            publish(cli, "for someone else", "other");
            Recorder away = new Recorder(100);
            try (HubClient session = HubClient.start(home, new HubClient.Hello("session", "s1", "away"), away)) {
                session.attach();
                assertTrue(away.got.await(10, TimeUnit.SECONDS));
                assertEquals(100, away.events.size());
                assertEquals("e30", away.events.get(0).body());
                assertEquals("e129", away.events.get(99).body());
                assertEquals(1, away.replays.size());
                assertTrue(away.replays.get(0).startsWith("30 "), away.replays.get(0));
            }
        }
    }

    @Test
    void aSenderOverItsRateIsRefusedWithRetryAfterAndOthersAreNot() throws Exception {
        HeraldHome home = HeraldHome.open(dir.resolve("home"));
        try (Hub hub = Hub.start(home, new HubSettings(dev.herald.journal.Retention.DEFAULT, 20, 100), Instant::now);
                HubClient fast = HubClient.start(home, new HubClient.Hello("session", "fast", "f"), new Recorder(0));
                HubClient calm = HubClient.start(home, new HubClient.Hello("session", "calm", "c"), new Recorder(0))) {
            int refused = 0;
            for (int i = 0; i < 150; i++) {
                try {
                    publish(fast, "f" + i, null);
                } catch (HubException e) {
                    assertEquals(-32040, e.code());
                    assertTrue(e.data().path("retryAfterMs").asLong() > 0);
                    refused++;
                }
            }
            assertTrue(refused >= 20 && refused <= 50, "refused " + refused);
            assertEquals(16, publish(calm, "calm", null).path("id").asText().length(), "another sender has its own budget");
        }
    }

    @Test
    void aFilteredSessionGetsOnlyItsTopicsAndPriorities() throws Exception {
        HeraldHome home = HeraldHome.open(dir.resolve("home"));
        try (Hub hub = Hub.start(home, HubSettings.DEFAULT, Instant::now);
                HubClient cli = HubClient.start(home, new HubClient.Hello("cli", "t", null), new Recorder(0))) {
            Recorder r = new Recorder(1);
            try (HubClient session = HubClient.start(home, new HubClient.Hello("session", "s", "box"), r)) {
                session.filter((com.fasterxml.jackson.databind.node.ObjectNode) dev.herald.jsonrpc.Json.shared()
                        .valueToTree(Map.of("topics", List.of("ci/*"), "minPriority", "high")));
                session.attach();
                session.request(HubMethods.SESSIONS, Map.of(), WAIT); // the filter and attach are in place
                cli.request(HubMethods.PUBLISH, Map.of("event", Map.of("body", "low ci", "topic", "ci/x", "priority", "low"), "nonce", "1"), WAIT);
                cli.request(HubMethods.PUBLISH, Map.of("event", Map.of("body", "other topic", "topic", "deploy", "priority", "urgent"),
                        "nonce", "2"), WAIT);
                cli.request(HubMethods.PUBLISH, Map.of("event", Map.of("body", "wanted", "topic", "ci/build", "priority", "high"), "nonce", "3"),
                        WAIT);
                assertTrue(r.got.await(10, TimeUnit.SECONDS));
                assertEquals(List.of("wanted"), r.events.stream().map(Event::body).toList());
            }
        }
    }
}
