package dev.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.hub.HubClient;
import dev.herald.hub.HubException;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.rooms.Rooms;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code herald chat ROOM [--name NAME]}: a person in a chat room. Joins through the hub (its user
 * id is the command's hub id, {@code cli-<pid>}), prints what arrives ({@code [HH:mm:ss] name: text})
 * and sends each line read; {@code /who}, {@code /leave}, {@code /quit}, {@code /help}. With standard
 * input not a terminal it sends every line and, at the end of input, drains: it waits until the hub
 * has given back its own last message (so everything sent before it has been printed), then until
 * {@link #QUIET} passes with nothing new ({@link #MOST} at most), then leaves the room and exits.
 * The main thread reads input; arrivals print on the hub client's reader thread.
 */
final class RoomChat implements HubClient.Listener {
    static final Duration QUIET = Duration.ofSeconds(1);
    static final Duration MOST = Duration.ofSeconds(10);
    static final String HELP = """
            * Type a line to send it. /who lists the members, /leave leaves the room and ends, /quit ends without leaving
              (the others hear you disconnected), /help shows this.""";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String room;
    private final PrintStream out;
    private final String me = HubSession.id();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private long lastSeen; // under lock
    private long lastArrival; // System.nanoTime(), under lock
    private long lastOwn; // the newest of this command's own messages, under lock

    private RoomChat(String room, PrintStream out) {
        this.room = room;
        this.out = out;
    }

    static Exit run(String[] argv, InputStream stdin, PrintStream out, PrintStream err, Map<String, String> env) throws CliException {
        Args args = Args.parse(argv, 1, Set.of("--name"), Set.of());
        if (args.words.size() != 1) {
            throw CliException.usage("takes one room id: herald chat ROOM [--name NAME]");
        }
        String name = args.one("--name") != null ? args.one("--name") : System.getProperty("user.name", "someone");
        RoomChat chat = new RoomChat(args.words.get(0), out);
        try (HubSession hub = HubSession.open(env, chat)) {
            hub.client().attach(); // before the join, on the same connection: the feed starts before the join's event
            JsonNode joined = chat.call(hub, HubMethods.ROOM_JOIN, Map.of("room", chat.room, "name", name));
            out.println("* In room " + chat.room + " as " + name + " with " + members(joined) + ". /help for commands.");
            boolean terminal = System.console() != null;
            BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.strip()) {
                    case "" -> { }
                    case "/help" -> out.println(HELP);
                    case "/who" -> out.println("* Members: " + members(chat.call(hub, HubMethods.ROOM_GET, Map.of("room", chat.room,
                            "messages", false))));
                    case "/quit" -> {
                        return Exit.OK;
                    }
                    case "/leave" -> {
                        chat.call(hub, HubMethods.ROOM_LEAVE, Map.of("room", chat.room));
                        return Exit.OK;
                    }
                    default -> chat.say(hub, line, err);
                }
            }
            if (!terminal) {
                chat.drain();
            }
            chat.call(hub, HubMethods.ROOM_LEAVE, Map.of("room", chat.room));
            return Exit.OK;
        } catch (IOException e) {
            throw new CliException(Exit.FAILED, "cannot read standard input: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.FAILED, "interrupted");
        }
    }

    private void say(HubSession hub, String line, PrintStream err) throws CliException {
        if (line.startsWith("/")) {
            out.println("* Unknown command " + line.split("\\s+")[0] + ". /help lists them.");
            return;
        }
        try {
            long id = EventId.parse(call(hub, HubMethods.ROOM_SEND, Map.of("room", room, "message", line)).path("message_id").asText());
            lock.lock();
            try {
                lastOwn = Math.max(lastOwn, id);
            } finally {
                lock.unlock();
            }
        } catch (CliException e) {
            if (e.getMessage().startsWith("Not a member")) {
                throw e; // removed (silent too long, or disconnected): nothing more to say here
            }
            err.println("herald chat: " + e.getMessage()); // too long, empty...: this line only
        }
    }

    /** A request with a fresh nonce, resent with the same one after a rate-limit pause. */
    private JsonNode call(HubSession hub, String method, Map<String, Object> params) throws CliException {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("nonce", UUID.randomUUID().toString());
        try {
            while (true) {
                try {
                    return hub.client().request(method, p, HubSession.TIMEOUT);
                } catch (HubException e) {
                    if (e.code() != ErrorCode.RATE_LIMITED.code() || e.data() == null) {
                        throw new CliException(Exit.FAILED, e.getMessage());
                    }
                    Thread.sleep(Math.clamp(e.data().path("retryAfterMs").asLong(100), 1, 5000)); // back off as the hub advises
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.FAILED, "interrupted");
        }
    }

    /** Waits for the own last message to come back, then for {@link #QUIET}; {@link #MOST} at most. */
    private void drain() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + MOST.toNanos();
        lock.lock();
        try {
            while (lastSeen < lastOwn && System.nanoTime() < deadline) {
                arrived.awaitNanos(deadline - System.nanoTime());
            }
            while (true) {
                long quietAt = Math.min(deadline, Math.max(lastArrival, start) + QUIET.toNanos());
                long now = System.nanoTime();
                if (now >= quietAt) {
                    return;
                }
                arrived.awaitNanos(quietAt - now);
            }
        } finally {
            lock.unlock();
        }
    }

    private static String members(JsonNode room) {
        List<String> names = new ArrayList<>();
        room.path("members").forEach(m -> names.add(m.path("display_name").asText() + " (" + m.path("user_id").asText() + ")"));
        return String.join(", ", names);
    }

    @Override
    public String lastSeen() {
        lock.lock();
        try {
            return lastSeen == 0 ? null : EventId.format(lastSeen);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onEvent(Event e) {
        lock.lock();
        try {
            if (e.id() <= lastSeen) {
                return; // sent again after a reconnect
            }
            lastSeen = e.id();
            lastArrival = System.nanoTime();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        String removed = Rooms.removed(e, me);
        Rooms.Happening h = Rooms.happening(e, me);
        if (removed != null && !removed.equals("left")) {
            out.println("* You are no longer in room " + room + " (" + removed + ")");
        } else if (h != null && h.room().equals(room)) {
            out.println("[" + TIME.format(e.time()) + "] " + (h.method().equals("message.received") ? "" : "* ") + h.text());
        }
    }

    @Override
    public void onReplay(int skipped, String from, String to) {}
}
