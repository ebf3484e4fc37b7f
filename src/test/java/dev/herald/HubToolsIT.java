package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.testing.HubFixture;
import dev.herald.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hub's tools, resources and the rest of the CLI through the real launcher: read_events,
 * wait_for_event, subscribe_events, the inbox and event resources, send_notification publishing,
 * send from standard input, --wait timing out, events --follow, a second dedicated hub refused, and
 * a session serving without the hub when HERALD_HOME is unusable or with --no-hub.
 */
class HubToolsIT {
    private static JsonNode call(ServerProcess s, int id, String method, String params) throws Exception {
        s.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        while (true) {
            JsonNode line = HubFixture.JSON.readTree(s.line(HubFixture.WAIT));
            if (line.path("id").asInt(-1) == id) {
                return line.path("result");
            }
        }
    }

    private static JsonNode tool(ServerProcess s, int id, String name, String arguments) throws Exception {
        return call(s, id, "tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + arguments + "}");
    }

    @Test
    void toolsReadWaitAndFilterEventsAndResourcesShowThem() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess s = hub.session("tools", "it-client", "--deliver", "none");
            ServerProcess other = hub.session("peer", "it-client");
            hub.awaitSessions(2);
            String a = hub.send("--topic", "ci", "first");
            String b = hub.send("--topic", "deploy", "second");
            JsonNode ci = tool(s, 2, "wait_for_event", "{\"topic\":\"ci\",\"timeout_s\":10}");
            assertEquals(a, ci.path("structuredContent").path("event").path("id").asText());
            JsonNode inbox = call(s, 3, "resources/read", "{\"uri\":\"herald://inbox\"}");
            JsonNode unread = HubFixture.JSON.readTree(inbox.path("contents").get(0).path("text").asText()).path("events");
            assertEquals(1, unread.size(), "the ci event was read; the deploy one is unread");
            assertEquals(b, unread.get(0).path("id").asText());
            JsonNode read = tool(s, 4, "read_events", "{}");
            assertEquals(b, read.path("structuredContent").path("events").get(0).path("id").asText());
            assertEquals(0, read.path("structuredContent").path("unread").asInt());
            JsonNode again = tool(s, 5, "read_events", "{\"since\":\"" + dev.herald.event.EventId.format(dev.herald.event.EventId.parse(a) - 1) + "\"}");
            assertEquals(2, again.path("structuredContent").path("events").size(), "with since, the journal");
            JsonNode whole = call(s, 6, "resources/read", "{\"uri\":\"herald://events/" + a + "\"}");
            assertEquals("first", HubFixture.JSON.readTree(whole.path("contents").get(0).path("text").asText()).path("body").asText());
            JsonNode timedOut = tool(s, 7, "wait_for_event", "{\"timeout_s\":1}");
            assertTrue(timedOut.path("structuredContent").path("timedOut").asBoolean());
            tool(s, 8, "subscribe_events", "{\"topics\":[\"ci\"],\"min_priority\":\"high\"}");
            hub.send("--topic", "ci", "--priority", "low", "filtered out");
            String wanted = hub.send("--topic", "ci", "--priority", "urgent", "kept");
            assertEquals(wanted, tool(s, 9, "wait_for_event", "{\"timeout_s\":10}").path("structuredContent").path("event").path("id").asText());
            JsonNode published = tool(s, 10, "send_notification", "{\"message\":\"from an agent\",\"to\":[\"peer\"],\"topic\":\"agents\"}");
            String id = published.path("structuredContent").path("id").asText();
            JsonNode heard = HubFixture.nextEvent(other, d -> d.path("id").asText().equals(id)).path("params").path("data");
            assertTrue(heard.path("sender").asText().startsWith("session:"), heard.toString());
            assertEquals("agents", heard.path("topic").asText());
            JsonNode sessions = tool(s, 11, "list_sessions", "{}").path("structuredContent").path("sessions");
            assertEquals(2, sessions.size());
        }
    }

    @Test
    void theCommandLineReadsStandardInputFollowsTheJournalAndRefusesASecondHub() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            HubFixture.Result piped = hub.cliWithInput("line one\nline two\n", "send", "--topic", "piped");
            assertEquals(0, piped.exit(), piped.err());
            HubFixture.Result nobody = hub.cli("send", "--wait", "1", "anyone?");
            assertEquals(3, nobody.exit(), "no session had it in time");
            assertTrue(nobody.err().contains("waits in the journal"), nobody.err());
            HubFixture.Result events = hub.cli("events", "--json", "--topic", "piped");
            JsonNode event = HubFixture.JSON.readTree(events.out().lines().findFirst().orElseThrow());
            assertEquals("line one\nline two", event.path("body").asText());
            ServerProcess dedicated = hub.launch(List.of("hub"));
            assertTrue(dedicated.line(HubFixture.WAIT).startsWith("Herald hub for "));
            HubFixture.Result second = hub.cli("hub");
            assertEquals(1, second.exit());
            assertTrue(second.err().contains("pid " + dedicated.process().pid()), second.err());
            ServerProcess follow = hub.launch(List.of("events", "--follow", "--topic", "live"));
            String before = hub.send("--topic", "live", "before");
            // --follow prints what is stored first, then what comes: either way each id once, in order
            List<String> seen = new ArrayList<>();
            String after = null;
            while (seen.size() < 2) {
                seen.add(follow.line(HubFixture.WAIT).split(" ")[0]);
                if (after == null) {
                    after = hub.send("--topic", "live", "after");
                }
            }
            assertEquals(List.of(before, after), seen);
            dedicated.process().destroy();
            assertEquals(0, dedicated.exit(HubFixture.WAIT), "SIGTERM stops the dedicated hub cleanly");
        }
    }

    @Test
    void anUnusableHomeOrNoHubServesAsAPlainServerWithOneWarning() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            Path open = hub.home().resolve("open");
            Files.createDirectory(open);
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
            List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", ServerProcess.jar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("HERALD_HOME", open.toString());
            ServerProcess s = ServerProcess.start(builder);
            try {
                s.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}");
                s.line(HubFixture.WAIT);
                s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                JsonNode off = tool(s, 1, "wait_for_event", "{\"timeout_s\":1}");
                assertTrue(off.path("isError").asBoolean());
                assertTrue(off.path("content").get(0).path("text").asText().contains("hub is off"));
                s.closeStdin();
                assertEquals(0, s.exit(HubFixture.WAIT));
                assertEquals(1, s.stderr().lines().filter(l -> l.contains("Serving without the hub")).count(), s.stderr());
                assertTrue(s.stderr().contains("may be written by other users"), s.stderr());
            } finally {
                s.close();
            }
            ServerProcess noHub = hub.launch(List.of("--no-hub"));
            noHub.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}");
            noHub.line(HubFixture.WAIT);
            noHub.closeStdin();
            assertEquals(0, noHub.exit(HubFixture.WAIT));
            assertTrue(Files.notExists(hub.home().resolve("hub.sock")) && Files.notExists(hub.home().resolve("journal")),
                    "--no-hub touches nothing in HERALD_HOME");
        }
    }
}
