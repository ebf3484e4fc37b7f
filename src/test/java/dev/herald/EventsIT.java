package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.testing.HubFixture;
import dev.herald.testing.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draft Events extension for 2026-07-28 clients, through the real launcher: list, poll, stream, cursors across a restart. */
class EventsIT {
    private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":{\"io.modelcontextprotocol/events\":{}}}}";

    private static JsonNode call(ServerProcess s, String id, String method, String params) throws Exception {
        s.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":{" + params + (params.isEmpty() ? "" : ",") + META + "}}");
        while (true) {
            JsonNode line = HubFixture.JSON.readTree(s.line(HubFixture.WAIT));
            if (id.equals(line.path("id").asText(null))) {
                return line;
            }
        }
    }

    @Test
    void pollReturnsOnlyMatchingEventsAfterItsCursorAndUnknownTypesAreNotFound() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            hub.send("--topic", "ci/build", "seen before");
            ServerProcess s = hub.launch(List.of("--inbox", "modern"));
            JsonNode discover = call(s, "d", "server/discover", "");
            assertTrue(discover.path("result").path("capabilities").path("extensions").has("io.modelcontextprotocol/events"));
            JsonNode types = call(s, "l", "events/list", "").path("result").path("events");
            List<String> names = new ArrayList<>();
            types.forEach(t -> names.add(t.path("name").asText()));
            assertTrue(names.containsAll(List.of("herald.all", "herald.ci", "herald.general")), names.toString());
            types.forEach(t -> assertEquals(List.of("poll", "push"), List.of(t.path("delivery").get(0).asText(), t.path("delivery").get(1).asText())));
            JsonNode fresh = call(s, "p0", "events/poll", "\"name\":\"herald.ci\",\"arguments\":{},\"cursor\":null").path("result");
            assertEquals(0, fresh.path("events").size(), "a null cursor starts from now");
            assertFalse(fresh.path("truncated").asBoolean());
            String cursor = fresh.path("cursor").asText();
            String wanted = hub.send("--topic", "ci", "--priority", "high", "wanted");
            hub.send("--topic", "ci", "--priority", "low", "too low");
            hub.send("--topic", "deploy", "--priority", "urgent", "other family");
            JsonNode got = call(s, "p1", "events/poll", "\"name\":\"herald.ci\",\"arguments\":{\"min_priority\":\"normal\"},\"cursor\":\"" + cursor + "\"")
                    .path("result");
            assertEquals(1, got.path("events").size(), got.toString());
            JsonNode occurrence = got.path("events").get(0);
            assertEquals(wanted, occurrence.path("eventId").asText());
            assertEquals("herald.ci", occurrence.path("name").asText());
            assertEquals("wanted", occurrence.path("data").path("body").asText());
            JsonNode again = call(s, "p2", "events/poll", "\"name\":\"herald.ci\",\"arguments\":{},\"cursor\":\"" + got.path("cursor").asText() + "\"")
                    .path("result");
            assertEquals(0, again.path("events").size(), "the cursor moved past what was scanned");
            JsonNode unknown = call(s, "p3", "events/poll", "\"name\":\"nope\",\"arguments\":{}");
            assertEquals(-32023, unknown.path("error").path("code").asInt());
            JsonNode bad = call(s, "p4", "events/poll", "\"name\":\"herald.all\",\"arguments\":{\"colour\":\"red\"}");
            assertEquals(-32602, bad.path("error").path("code").asInt());
        }
    }

    @Test
    void aStreamResumedWithItsCursorAfterTheSessionRestartsHasNoDuplicateAndNoGap() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess first = hub.launch(List.of("--inbox", "resume"));
            first.send("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"events/stream\",\"params\":{\"name\":\"herald.all\",\"arguments\":{},"
                    + "\"cursor\":null," + META + "}}");
            JsonNode active = HubFixture.JSON.readTree(first.line(HubFixture.WAIT));
            assertEquals("notifications/events/active", active.path("method").asText());
            assertEquals("s1", active.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asText());
            String e1 = hub.send("one");
            JsonNode event = HubFixture.next(first, "notifications/events/event", l -> false).path("params");
            assertEquals(e1, event.path("eventId").asText());
            assertTrue(event.path("_meta").path("io.modelcontextprotocol/subscriptionId").isTextual(), "the id's own JSON type");
            String cursor = event.path("cursor").asText();
            first.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"s1\"}}");
            first.closeStdin();
            assertEquals(0, first.exit(HubFixture.WAIT));
            String e2 = hub.send("two");
            String e3 = hub.send("three");
            ServerProcess second = hub.launch(List.of("--inbox", "resume"));
            second.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"events/stream\",\"params\":{\"name\":\"herald.all\",\"arguments\":{},"
                    + "\"cursor\":\"" + cursor + "\"," + META + "}}");
            JsonNode resumed = HubFixture.JSON.readTree(second.line(HubFixture.WAIT));
            assertEquals("notifications/events/active", resumed.path("method").asText());
            assertEquals(9, resumed.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asInt());
            assertFalse(resumed.path("params").path("truncated").asBoolean());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ids.add(HubFixture.next(second, "notifications/events/event", l -> false).path("params").path("eventId").asText());
            }
            assertEquals(List.of(e2, e3), ids);
        }
    }

    @Test
    void aHandshakeClientIsNotOfferedTheExtension() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess s = hub.session("legacy", "inspector");
            s.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"events/list\",\"params\":{}}");
            JsonNode answer = HubFixture.JSON.readTree(s.line(HubFixture.WAIT));
            assertEquals(-32601, answer.path("error").path("code").asInt());
        }
    }
}
