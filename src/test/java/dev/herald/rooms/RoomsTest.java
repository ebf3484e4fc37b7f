package dev.herald.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.hub.HubMethods;
import dev.herald.hub.Publisher;
import dev.herald.jsonrpc.ErrorObject;
import dev.herald.jsonrpc.Json;
import dev.herald.journal.FileJournal;
import dev.herald.journal.JournalException;
import dev.herald.journal.Retention;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's rooms without a socket: a real journal in a temporary directory, and a clock the test moves. */
class RoomsTest {
    private static final Duration IDLE = Duration.ofMinutes(30);

    /** The member path: a real journal behind a nonce dedup like the publisher's. */
    private static final class Sink implements Rooms.Sink {
        final FileJournal journal;
        final Map<String, Event> nonces = new ConcurrentHashMap<>();

        Sink(FileJournal journal) {
            this.journal = journal;
        }

        @Override
        public CompletableFuture<Publisher.Outcome> publish(String sender, Draft draft, String nonce) {
            Event earlier = nonce == null ? null : nonces.get(sender + ":" + nonce);
            if (earlier != null) {
                return CompletableFuture.completedFuture(new Publisher.Outcome(earlier.id(), earlier.time(), true));
            }
            return journal.append(sender, draft, nonce).thenApply(e -> {
                if (nonce != null) {
                    nonces.put(sender + ":" + nonce, e);
                }
                return new Publisher.Outcome(e.id(), e.time(), false);
            });
        }
    }

    @TempDir
    Path dir;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().minus(Duration.ofDays(3)));
    private FileJournal journal;
    private Sink sink;
    private final List<Rooms> opened = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        journal = FileJournal.open(dir.resolve("journal"), Retention.DEFAULT, now::get);
        sink = new Sink(journal);
    }

    private Rooms rooms() {
        Rooms r = Rooms.open(journal, sink, now::get, IDLE);
        opened.add(r);
        return r;
    }

    @AfterEach
    void close() {
        opened.forEach(Rooms::close);
        journal.close();
    }

    private List<Event> events() throws JournalException {
        return journal.read(0, Integer.MAX_VALUE);
    }

    private static int nonces;

    private static JsonNode call(Rooms rooms, String method, String user, String... pairs) {
        ObjectNode p = Json.object().put("nonce", "n" + ++nonces);
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return Json.shared().valueToTree(rooms.call(method, p, user, "session:" + user).join());
    }

    private static ErrorObject refusal(Rooms rooms, String method, String user, String... pairs) {
        ObjectNode p = Json.object();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        CompletionException e = assertThrows(CompletionException.class, () -> rooms.call(method, p, user, "session:" + user).join());
        return Rooms.error(e);
    }

    private static String reason(ErrorObject error) {
        return ((Map<?, ?>) error.data()).get("reason").toString();
    }

    @Test
    void aNamedRoomTakesFiftyMembersAndRefusesTheFiftyFirst() throws Exception {
        Rooms rooms = rooms();
        for (int i = 0; i < 50; i++) {
            call(rooms, HubMethods.ROOM_JOIN, "u" + i, "room", "big", "name", "U" + i);
        }
        ErrorObject full = refusal(rooms, HubMethods.ROOM_JOIN, "u50", "room", "big", "name", "U50");
        assertEquals("room_full", reason(full));
        assertTrue(full.message().contains("at most 50"), full.message());
        Event last = events().getLast();
        assertEquals(50, last.to().size(), "a join is heard by every member, the newcomer too");
    }

    @Test
    void aMemberSendsThirtyAtOnceThenIsToldToWait() {
        Rooms rooms = rooms();
        call(rooms, HubMethods.ROOM_JOIN, "a", "room", "r", "name", "A");
        for (int i = 0; i < 30; i++) {
            call(rooms, HubMethods.ROOM_SEND, "a", "room", "r", "message", "m" + i);
        }
        ErrorObject limited = refusal(rooms, HubMethods.ROOM_SEND, "a", "room", "r", "message", "one too many");
        assertEquals(-32040, limited.code());
        assertTrue((Long) ((Map<?, ?>) limited.data()).get("retryAfterMs") > 0);
        call(rooms, HubMethods.ROOM_JOIN, "b", "room", "r", "name", "B");
        call(rooms, HubMethods.ROOM_SEND, "b", "room", "r", "message", "another member has its own bucket");
    }

    @Test
    void everyBrokenRuleHasItsOwnReason() {
        Rooms rooms = rooms();
        call(rooms, HubMethods.ROOM_JOIN, "a", "room", "r", "name", "A");
        assertEquals("unknown_room", reason(refusal(rooms, HubMethods.ROOM_SEND, "a", "room", "nope", "message", "x")));
        assertEquals("not_a_member", reason(refusal(rooms, HubMethods.ROOM_SEND, "b", "room", "r", "message", "x")));
        assertEquals("not_a_member", reason(refusal(rooms, HubMethods.ROOM_GET, "b", "room", "r")));
        assertEquals("message_too_large", reason(refusal(rooms, HubMethods.ROOM_SEND, "a", "room", "r", "message", "é".repeat(8193))));
        call(rooms, HubMethods.ROOM_SEND, "a", "room", "r", "message", "é".repeat(8192)); // exactly 16 KiB
        assertEquals("empty_message", reason(refusal(rooms, HubMethods.ROOM_SEND, "a", "room", "r", "message", " \n")));
        assertEquals("empty_name", reason(refusal(rooms, HubMethods.ROOM_JOIN, "b", "room", "r", "name", "\t ")));
        assertEquals("bad_name", reason(refusal(rooms, HubMethods.ROOM_JOIN, "b", "room", "r", "name", "n".repeat(65))));
        assertEquals("bad_room_id", reason(refusal(rooms, HubMethods.ROOM_JOIN, "b", "room", "a/b", "name", "B")));
        assertEquals("bad_room_id", reason(refusal(rooms, HubMethods.ROOM_JOIN, "b", "room", "00000000000000ff", "name", "B")));
        assertEquals("private_room", reason(refusal(rooms, HubMethods.ROOM_JOIN, "b", "room", "pair-1", "name", "B")));
        assertEquals(false, call(rooms, HubMethods.ROOM_LEAVE, "b", "room", "r").path("left").asBoolean(), "leaving a room not in is a no-op");
    }

    @Test
    void theQueueMatchesTwoInAPrivateRoomAndANewHubRebuildsEverythingFromTheEvents() throws Exception {
        Rooms rooms = rooms();
        assertEquals("waiting", call(rooms, HubMethods.ROOM_QUEUE, "a", "name", "Ada").path("status").asText());
        assertEquals(1, call(rooms, HubMethods.ROOM_QUEUE, "a", "name", "Ada").path("position").asInt(), "entering twice: still first");
        JsonNode matched = call(rooms, HubMethods.ROOM_QUEUE, "b", "name", "Bob");
        String pair = matched.path("room_id").asText();
        assertEquals("a", matched.path("partner").path("user_id").asText());
        assertEquals("private_room", reason(refusal(rooms, HubMethods.ROOM_JOIN, "c", "room", pair, "name", "Cat")));
        call(rooms, HubMethods.ROOM_SEND, "b", "room", pair, "message", "hi");
        call(rooms, HubMethods.ROOM_JOIN, "c", "room", "ops", "name", "Cat");
        call(rooms, HubMethods.ROOM_JOIN, "d", "room", "ops", "name", "Dan");
        call(rooms, HubMethods.ROOM_LEAVE, "d", "room", "ops");
        call(rooms, HubMethods.ROOM_QUEUE, "e", "name", "Eve");

        Rooms next = rooms(); // the next hub, after a hand-over
        events().forEach(next::replay);
        for (String user : List.of("a", "b", "c", "e")) {
            assertEquals(call(rooms, HubMethods.ROOM_LIST, user), call(next, HubMethods.ROOM_LIST, user), user);
        }
        assertEquals(List.of("hi"), call(next, HubMethods.ROOM_GET, "b", "room", pair).path("messages").findValuesAsText("message"));
        assertEquals("e", call(next, HubMethods.ROOM_QUEUE, "f", "name", "Fay").path("partner").path("user_id").asText(),
                "the queue survived too");
    }

    @Test
    void aSilentMemberTimesOutAndARoomEmptyForADayIsForgotten() throws Exception {
        Rooms rooms = rooms();
        call(rooms, HubMethods.ROOM_JOIN, "a", "room", "r", "name", "Ada");
        call(rooms, HubMethods.ROOM_JOIN, "b", "room", "r", "name", "Bob");
        now.set(now.get().plus(Duration.ofMinutes(20)));
        call(rooms, HubMethods.ROOM_SEND, "b", "room", "r", "message", "still here");
        now.set(now.get().plus(Duration.ofMinutes(11)));
        long head = journal.head();
        rooms.sweep();
        journal.awaitAfter(head, Duration.ofSeconds(10)); // the hub's own events are not waited for by anyone
        Event left = events().getLast();
        assertEquals("timeout", left.data().path("reason").asText());
        assertEquals("a", left.data().path("user").asText());
        assertEquals(List.of("session.a", "session.b"), left.to(), "the others hear it, and so does the one removed");
        assertEquals(1, call(rooms, HubMethods.ROOM_GET, "b", "room", "r").path("members").size());
        now.set(now.get().plus(Duration.ofMinutes(31)));
        rooms.sweep();
        assertEquals("not_a_member", reason(refusal(rooms, HubMethods.ROOM_GET, "b", "room", "r")), "bob timed out too: the room is empty");
        now.set(now.get().plus(Duration.ofHours(23)));
        rooms.sweep();
        assertEquals("not_a_member", reason(refusal(rooms, HubMethods.ROOM_GET, "b", "room", "r")), "kept for a day");
        now.set(now.get().plus(Duration.ofHours(2)));
        rooms.sweep();
        assertEquals("unknown_room", reason(refusal(rooms, HubMethods.ROOM_SEND, "b", "room", "r", "message", "x")));
    }

    @Test
    void atMostAThousandRoomsAndTheLongestEmptyOneMakesWayForANewOne() {
        Rooms rooms = rooms();
        List<CompletableFuture<Object>> joins = new ArrayList<>();
        for (int i = 0; i < Lobby.MAX_ROOMS; i++) {
            joins.add(rooms.call(HubMethods.ROOM_JOIN, Json.object().put("room", "r" + i).put("name", "U"), "u" + (i % 40), "session:u"));
        }
        joins.forEach(CompletableFuture::join);
        assertEquals("too_many_rooms", reason(refusal(rooms, HubMethods.ROOM_JOIN, "x", "room", "one-more", "name", "X")));
        call(rooms, HubMethods.ROOM_LEAVE, "u7", "room", "r7");
        call(rooms, HubMethods.ROOM_JOIN, "x", "room", "one-more", "name", "X");
        assertEquals("unknown_room", reason(refusal(rooms, HubMethods.ROOM_SEND, "u7", "room", "r7", "message", "x")));
    }

    @Test
    void aConnectionGoneForTheGraceLeavesItsRoomsAndOneBackInTimeStays() throws Exception {
        Rooms rooms = rooms();
        rooms.start();
        for (String user : List.of("a", "b", "c")) {
            rooms.online(user);
            call(rooms, HubMethods.ROOM_JOIN, user, "room", "r", "name", user.toUpperCase());
        }
        rooms.offline("b");
        rooms.online("b"); // reconnected at once (a hub hand-over, a broken pipe)
        long gone = System.nanoTime();
        rooms.offline("c");
        long before = journal.head();
        journal.awaitAfter(before, Duration.ofSeconds(10)); // the hub's own removal, after the grace
        Event left = events().getLast();
        assertTrue(System.nanoTime() - gone >= Rooms.GRACE.toNanos() - TimeUnit.MILLISECONDS.toNanos(50), "not before the grace");
        assertEquals("c", left.data().path("user").asText(), "b came back in time; its check ran before c's");
        assertEquals("disconnected", left.data().path("reason").asText());
        assertEquals(List.of("A", "B"), call(rooms, HubMethods.ROOM_GET, "a", "room", "r").path("members").findValuesAsText("display_name"));
    }

    @Test
    void eachMemberHearsWhatOthersDidAndNothingOfItsOwn() throws Exception {
        Rooms rooms = rooms();
        call(rooms, HubMethods.ROOM_JOIN, "a", "room", "r", "name", "Ada");
        call(rooms, HubMethods.ROOM_JOIN, "b", "room", "r", "name", "Bob");
        call(rooms, HubMethods.ROOM_SEND, "b", "room", "r", "message", "hello");
        call(rooms, HubMethods.ROOM_LEAVE, "b", "room", "r");
        List<Event> events = events();
        assertNull(Rooms.happening(events.get(1), "b"), "its own join");
        assertEquals("chatroom.found", Rooms.happening(events.get(1), "a").method());
        Rooms.Happening said = Rooms.happening(events.get(2), "a");
        assertEquals(Map.of("room_id", "r", "message_id", events.get(2).idText(), "message", "hello",
                "sender", Map.of("user_id", "b", "display_name", "Bob"), "timestamp", events.get(2).time().toString()), said.params());
        assertNull(Rooms.happening(events.get(2), "b"), "its own message");
        assertEquals(Map.of("room_id", "r", "reason", "left", "partner", Map.of("user_id", "b", "display_name", "Bob")),
                Rooms.happening(events.get(3), "a").params());
        assertEquals("left", Rooms.removed(events.get(3), "b"));
        assertEquals(List.of("session.a", "session.b"), events.get(2).to(), "a message goes to every member, in one event");
    }
}
