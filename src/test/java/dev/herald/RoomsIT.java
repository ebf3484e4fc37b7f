package dev.herald;

import static dev.herald.testing.StdioClient.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.testing.HubFixture;
import dev.herald.testing.ServerProcess;
import dev.herald.testing.StdioClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Chat rooms through the real launcher, each test in a temporary HERALD_HOME: sessions matched by
 * the queue and in a named room, each hearing every happening once by its own route; a killed
 * member announced to the others; a person with herald chat from a script; refusals; and no
 * message twice when the hub is killed while messages flow.
 */
class RoomsIT {
    private static final String CHANNEL = "notifications/claude/channel";
    private static final String LOG = "notifications/message";
    private static final String OPTED_IN = "{\"experimental\":{\"herald/chat\":{}}}";
    private static final Set<String> CUSTOM = Set.of("chatroom.found", "message.received", "partner.disconnected");

    /** A room happening as a log message ({@code room/<id>}), or a room event let through as a plain event ({@code event/room...}). */
    private static boolean roomLog(JsonNode line) {
        String logger = line.path("params").path("logger").asText();
        return LOG.equals(line.path("method").asText()) && (logger.startsWith("room/") || logger.startsWith("event/room"));
    }

    private static boolean custom(JsonNode line) {
        return CUSTOM.contains(line.path("method").asText());
    }

    private static String text(JsonNode result) {
        return result.path("content").path(0).path("text").asText();
    }

    @Test
    void twoSessionsMatchedByTheQueueTalkThroughPushedNotificationsEachByOneRoute() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            StdioClient ada = new StdioClient(hub.sessionWith("ada", "it-client", OPTED_IN));
            StdioClient bob = new StdioClient(hub.session("bob", "claude-code"));
            hub.awaitSessions(2);
            JsonNode waiting = ada.call("enter_queue", args("display_name", "Ada")).path("structuredContent");
            assertEquals("waiting", waiting.path("status").asText());
            assertEquals(1, waiting.path("position").asInt());
            JsonNode matched = bob.call("enter_queue", args("display_name", "Bob")).path("structuredContent");
            assertEquals("matched", matched.path("status").asText(), matched.toString());
            String room = matched.path("room_id").asText();
            String adaId = matched.path("partner").path("user_id").asText();
            assertEquals("Ada", matched.path("partner").path("display_name").asText());

            JsonNode found = ada.notification("chatroom.found").path("params");
            assertEquals(room, found.path("room_id").asText());
            assertEquals("Bob", found.path("partner").path("display_name").asText());
            String bobId = found.path("partner").path("user_id").asText();
            JsonNode bobFound = bob.notification(CHANNEL).path("params").path("meta");
            assertEquals(room, bobFound.path("chat_id").asText(), "the room id is the chat id");
            assertEquals("chatroom.found", bobFound.path("type").asText());
            assertEquals(adaId, bobFound.path("user_id").asText());

            String hello = ada.call("send_message", args("room_id", room, "message", "Hello Bob")).path("structuredContent")
                    .path("message_id").asText();
            JsonNode heard = bob.notification(CHANNEL).path("params");
            assertEquals("Hello Bob", heard.path("content").asText());
            assertEquals(room, heard.path("meta").path("chat_id").asText());
            assertEquals(hello, heard.path("meta").path("message_id").asText(), "the message id is the event id");
            assertEquals("Ada", heard.path("meta").path("display_name").asText());

            JsonNode replied = bob.call("reply", args("chat_id", room, "text", "Hi Ada")); // as Claude Code answers a channel message
            assertFalse(replied.path("isError").asBoolean(true), replied.toString());
            assertEquals("sent", text(replied));
            JsonNode received = ada.notification("message.received").path("params");
            List<String> fields = new ArrayList<>();
            received.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("room_id", "message_id", "message", "sender", "timestamp"), fields);
            assertEquals(room, received.path("room_id").asText());
            assertEquals("Hi Ada", received.path("message").asText());
            assertEquals(replied.path("structuredContent").path("id").asText(), received.path("message_id").asText());
            assertEquals(bobId, received.path("sender").path("user_id").asText());
            assertEquals("Bob", received.path("sender").path("display_name").asText());
            Instant.parse(received.path("timestamp").asText());

            for (StdioClient s : List.of(ada, bob)) { // what was pushed is not given again
                JsonNode none = s.call("wait_for_message", args("room_id", room).put("timeout_s", 1)).path("structuredContent");
                assertTrue(none.path("timedOut").asBoolean(), none.toString());
            }
            assertTrue(ada.seen().stream().noneMatch(l -> CHANNEL.equals(l.path("method").asText()) || roomLog(l)), "opted in: custom only");
            assertTrue(bob.seen().stream().noneMatch(l -> custom(l) || roomLog(l)), "Claude Code: channel only");
            assertEquals(2, bob.seen().stream().filter(l -> CHANNEL.equals(l.path("method").asText())).count(), "found, then one message");
            assertEquals(2, ada.seen().stream().filter(RoomsIT::custom).count(), "found, then one message");
        }
    }

    @Test
    void aThirdJoinsANamedRoomAndEveryMemberHearsItsOwnWay() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            StdioClient ada = new StdioClient(hub.session("ada", "it-client"));
            StdioClient bob = new StdioClient(hub.session("bob", "claude-code"));
            StdioClient cat = new StdioClient(hub.session("cat", "inspector"));
            hub.awaitSessions(3);
            JsonNode optIn = ada.call("subscribe_events", HubFixture.JSON.createObjectNode().put("custom_methods", true));
            assertTrue(text(optIn).contains("their own notification methods"), optIn.toString());
            assertTrue(ada.call("join_room", args("room_id", "ops", "display_name", "Ada")).path("structuredContent").path("created")
                    .asBoolean());
            bob.call("join_room", args("room_id", "ops", "display_name", "Bob"));
            assertEquals("Bob", ada.notification("chatroom.found").path("params").path("partner").path("display_name").asText());
            JsonNode joined = cat.call("join_room", args("room_id", "ops", "display_name", "Cat")).path("structuredContent");
            assertEquals(3, joined.path("members").size(), joined.toString());
            assertFalse(joined.path("created").asBoolean());
            assertEquals("Cat", ada.notification("chatroom.found").path("params").path("partner").path("display_name").asText());
            assertEquals("Cat", bob.notification(CHANNEL).path("params").path("meta").path("display_name").asText());

            cat.call("send_message", args("room_id", "ops", "message", "hello all"));
            assertEquals("hello all", ada.notification("message.received").path("params").path("message").asText());
            assertEquals("hello all", bob.notification(CHANNEL).path("params").path("content").asText());
            ada.call("send_message", args("room_id", "ops", "message", "hi Cat"));
            JsonNode log = cat.next(l -> roomLog(l) && l.path("params").path("data").path("type").asText().equals("message.received"))
                    .path("params");
            assertEquals("room/ops", log.path("logger").asText());
            assertEquals("info", log.path("level").asText());
            assertEquals("message.received", log.path("data").path("type").asText());
            assertEquals("hi Cat", log.path("data").path("message").asText());
            assertEquals("Ada", log.path("data").path("sender").path("display_name").asText());

            JsonNode mine = cat.call("list_rooms", HubFixture.JSON.createObjectNode()).path("structuredContent");
            assertEquals("ops", mine.path("rooms").path(0).path("room_id").asText());
            assertEquals(3, mine.path("rooms").path(0).path("members").size());
            JsonNode read = bob.response(bob.request("resources/read", HubFixture.JSON.createObjectNode().put("uri", "herald://rooms/ops")));
            JsonNode state = HubFixture.JSON.readTree(read.path("result").path("contents").path(0).path("text").asText());
            assertEquals(3, state.path("members").size());
            assertEquals(List.of("hello all", "hi Cat"), List.of(state.path("messages").path(0).path("message").asText(),
                    state.path("messages").path(1).path("message").asText()));
            assertTrue(cat.seen().stream().noneMatch(l -> custom(l) || CHANNEL.equals(l.path("method").asText())), "log only");
        }
    }

    @Test
    void aKilledMembersProcessIsAnnouncedToTheOthersWithinTwoSeconds() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            StdioClient ada = new StdioClient(hub.sessionWith("ada", "it-client", OPTED_IN)); // the first: the hub
            StdioClient bob = new StdioClient(hub.session("bob", "claude-code"));
            StdioClient cat = new StdioClient(hub.sessionWith("cat", "it-client", OPTED_IN));
            hub.awaitSessions(3);
            for (StdioClient s : List.of(ada, bob, cat)) {
                s.call("join_room", args("room_id", "ops", "display_name", s == ada ? "Ada" : s == bob ? "Bob" : "Cat"));
            }
            ada.notification("chatroom.found");
            ada.notification("chatroom.found");
            long killed = System.nanoTime();
            cat.process().process().destroyForcibly();
            JsonNode gone = ada.notification("partner.disconnected").path("params");
            long elapsed = System.nanoTime() - killed;
            System.out.printf("partner.disconnected %.0f ms after kill -9%n", elapsed / 1e6);
            assertTrue(elapsed < Duration.ofSeconds(2).toNanos(), "announced in " + elapsed / 1_000_000 + " ms");
            assertEquals("ops", gone.path("room_id").asText());
            assertEquals("disconnected", gone.path("reason").asText());
            assertEquals("Cat", gone.path("partner").path("display_name").asText());
            JsonNode bobHeard = bob.next(l -> CHANNEL.equals(l.path("method").asText())
                    && "partner.disconnected".equals(l.path("params").path("meta").path("type").asText())).path("params").path("meta");
            assertEquals("disconnected", bobHeard.path("reason").asText());
            assertEquals("Cat", bobHeard.path("display_name").asText());
            assertEquals(2, ada.call("list_rooms", HubFixture.JSON.createObjectNode()).path("structuredContent").path("rooms").path(0)
                    .path("members").size());

            killed = System.nanoTime();
            ada.process().process().destroyForcibly(); // the hub itself: the next one rebuilds the room and waits the grace for Ada
            JsonNode adaGone = bob.next(l -> CHANNEL.equals(l.path("method").asText())
                    && "partner.disconnected".equals(l.path("params").path("meta").path("type").asText())).path("params").path("meta");
            elapsed = System.nanoTime() - killed;
            System.out.printf("partner.disconnected %.0f ms after kill -9 of the hub%n", elapsed / 1e6);
            assertTrue(elapsed < Duration.ofSeconds(2).toNanos(), "announced in " + elapsed / 1_000_000 + " ms");
            assertEquals("Ada", adaGone.path("display_name").asText());
            assertEquals("disconnected", adaGone.path("reason").asText());
        }
    }

    @Test
    void aPersonTalksToASessionWithHeraldChatFromAScript() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            StdioClient agent = new StdioClient(hub.sessionWith("agent", "it-client", OPTED_IN));
            hub.awaitSessions(1);
            agent.call("join_room", args("room_id", "lobby", "display_name", "Agent"));
            ServerProcess pat = hub.launch(List.of("chat", "lobby", "--name", "Pat"));
            String greeting = pat.line(HubFixture.WAIT);
            assertTrue(greeting.startsWith("* In room lobby as Pat with Agent ("), greeting);
            JsonNode partner = agent.notification("chatroom.found").path("params").path("partner");
            assertEquals("Pat", partner.path("display_name").asText());
            assertTrue(partner.path("user_id").asText().startsWith("cli-"), partner.toString());
            pat.send("hello agent");
            JsonNode said = agent.notification("message.received").path("params");
            assertEquals("hello agent", said.path("message").asText());
            assertEquals(partner, said.path("sender"));
            JsonNode answer = agent.call("send_message", args("room_id", "lobby", "message", "hi Pat"));
            assertFalse(answer.path("isError").asBoolean(true));
            pat.closeStdin(); // the end of the script: what arrived before it is printed, then Pat leaves
            List<String> printed = pat.rest(HubFixture.WAIT);
            assertTrue(printed.stream().anyMatch(l -> l.matches("\\[\\d\\d:\\d\\d:\\d\\d] Agent: hi Pat")), printed.toString());
            assertEquals(0, pat.exit(HubFixture.WAIT), pat.stderr());
            JsonNode left = agent.notification("partner.disconnected").path("params");
            assertEquals("left", left.path("reason").asText());
            assertEquals("Pat", left.path("partner").path("display_name").asText());
        }
    }

    @Test
    void badInputGetsAClearErrorResult() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            StdioClient ada = new StdioClient(hub.session("ada", "it-client"));
            StdioClient bob = new StdioClient(hub.session("bob", "it-client"));
            hub.awaitSessions(2);
            String adaId = ada.call("join_room", args("room_id", "ops", "display_name", "Ada")).path("structuredContent").path("members")
                    .path(0).path("user_id").asText();
            String[][] refused = {
                {"send_message", "room_id", "nope", "message", "x", "Unknown room nope"},
                {"send_message", "room_id", "ops", "message", "x".repeat(16 * 1024 + 1), "16385 bytes; the limit is 16384"},
                {"send_message", "room_id", "ops", "message", "  ", "message is empty"},
                {"join_room", "room_id", "lab", "display_name", "   ", "display_name is empty"},
                {"join_room", "room_id", "0123456789abcdef", "display_name", "Ada", "16 hex digits"},
                {"join_room", "room_id", "pair-1234", "display_name", "Ada", "private pair room"},
                {"join_room", "room_id", "no spaces", "display_name", "Ada", "room_id must be 1 to 48"},
                {"enter_queue", "display_name", "", "display_name is empty"}};
            for (String[] r : refused) {
                JsonNode result = ada.call(r[0], r.length == 6 ? args(r[1], r[2], r[3], r[4]) : args(r[1], r[2]));
                assertTrue(result.path("isError").asBoolean(), result.toString());
                assertTrue(text(result).contains(r[r.length - 1]), text(result));
            }
            for (JsonNode result : List.of(bob.call("send_message", args("room_id", "ops", "message", "let me in")),
                    bob.call("wait_for_message", args("room_id", "ops")), bob.call("reply", args("chat_id", "ops", "text", "psst")))) {
                assertTrue(result.path("isError").asBoolean(), result.toString());
                assertTrue(text(result).contains("Not a member of room ops"), text(result));
            }
            JsonNode read = bob.response(bob.request("resources/read", HubFixture.JSON.createObjectNode().put("uri", "herald://rooms/ops")));
            assertEquals(-32602, read.path("error").path("code").asInt(), read.toString());
            assertTrue(read.path("error").path("message").asText().contains("Not a member"), read.toString());
            for (String[] publish : new String[][] {{"send", "--topic", "room/ops", "forged"}, {"send", "--to", "session." + adaId, "forged"}}) {
                HubFixture.Result r = hub.cli(publish);
                assertEquals(1, r.exit(), r.toString());
                assertTrue(r.err().contains("belong to the chat rooms"), r.err());
            }
            assertEquals(2, hub.cli("--inbox", "session." + adaId).exit(), "no inbox may take a session's address");
            assertEquals(1, ada.call("list_rooms", HubFixture.JSON.createObjectNode()).path("structuredContent").path("rooms").size());
        }
    }

    @Test
    void noMemberGetsAMessageTwiceWhenTheHubIsKilledWhileMessagesFlow() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess first = hub.session("hub", "it-client"); // the hub, in no room
            hub.awaitSessions(1);
            StdioClient ada = new StdioClient(hub.session("ada", "it-client"));
            StdioClient bob = new StdioClient(hub.sessionWith("bob", "it-client", OPTED_IN));
            StdioClient cat = new StdioClient(hub.sessionWith("cat", "it-client", OPTED_IN));
            hub.awaitSessions(4);
            for (StdioClient s : List.of(ada, bob, cat)) {
                s.call("join_room", args("room_id", "flow", "display_name", s == ada ? "Ada" : s == bob ? "Bob" : "Cat"));
            }
            List<Integer> calls = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                calls.add(ada.send("send_message", args("room_id", "flow", "message", "m" + i)));
            }
            ada.response(calls.get(0));
            first.process().destroyForcibly(); // while the other 24 are in flight or being delivered
            Set<String> acked = new HashSet<>();
            for (int id : calls.subList(1, calls.size())) {
                JsonNode result = ada.response(id).path("result");
                assertFalse(result.path("isError").asBoolean(true), result.toString());
                acked.add(result.path("structuredContent").path("message_id").asText());
            }
            String end = ada.call("send_message", args("room_id", "flow", "message", "end")).path("structuredContent").path("message_id").asText();
            List<List<String>> heard = new ArrayList<>();
            for (StdioClient s : List.of(bob, cat)) {
                List<String> ids = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                while (true) {
                    JsonNode m = s.notification("message.received").path("params");
                    if (m.path("message_id").asText().equals(end)) {
                        break;
                    }
                    ids.add(m.path("message_id").asText());
                    texts.add(m.path("message").asText());
                }
                assertEquals(25, texts.size(), "every message once: " + texts);
                assertEquals(25, new HashSet<>(texts).size(), "a message stored or delivered twice: " + texts);
                assertTrue(ids.containsAll(acked), "every acknowledged message arrived");
                List<String> sorted = new ArrayList<>(ids);
                sorted.sort(null);
                assertEquals(sorted, ids, "journal order");
                heard.add(ids);
            }
            assertEquals(heard.get(0), heard.get(1), "the same order for every member");
        }
    }
}
