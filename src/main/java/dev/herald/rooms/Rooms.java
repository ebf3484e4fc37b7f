package dev.herald.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.hub.HubMethods;
import dev.herald.hub.Publisher;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.ErrorObject;
import dev.herald.jsonrpc.RpcException;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalException;
import dev.herald.route.Mailbox;
import dev.herald.server.Server;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat rooms, the package's one entry. In the hub's process {@link #open} keeps the rooms of one
 * {@code HERALD_HOME}: requests arrive through {@link #call} on peer reader threads,
 * {@link #online} and {@link #offline} as connections come and go, and one daemon timer thread
 * ({@code herald-rooms}) runs the grace checks and the idle sweep. In a session's process
 * {@link #install} adds the room tools and turns the room events of the session's feed into
 * notifications (on the hub client's reader thread). The static helpers name what rooms reserve.
 */
public final class Rooms implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Rooms.class);
    /** How long a member may be without a connection before it is gone: a reconnect, or a hub hand-over, fits in it. */
    public static final Duration GRACE = Duration.ofSeconds(1);
    /** How often silent members and old empty rooms are looked for. */
    static final Duration SWEEP = Duration.ofSeconds(5);
    /** What a client declares in {@code capabilities.experimental} to get the three notifications as their own methods. */
    public static final String CAPABILITY = "herald/chat";
    static final String SESSION_PREFIX = "session.";
    /** The sender of the hub's own room events. */
    static final String SENDER = "hub:rooms";

    /**
     * How a member's own change reaches the journal: the hub's publisher (rate limit, and nonce dedup,
     * so a resend is stored once). Called on peer reader threads, under the rooms' lock; must not block.
     */
    @FunctionalInterface
    public interface Sink {
        CompletableFuture<Publisher.Outcome> publish(String sender, Draft draft, String nonce) throws Publisher.RateLimitedException;
    }

    /**
     * One happening as one member gets it: the custom notification ({@code chatroom.found},
     * {@code message.received} or {@code partner.disconnected}) and its params, the room, and a
     * line of text for people. Immutable; made on the hub client's reader thread.
     */
    public record Happening(String method, Map<String, Object> params, String room, String text) {}

    private final Lobby lobby;
    private final Changes changes;
    private final Map<String, Integer> online = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("herald-rooms").factory());

    private Rooms(Journal journal, Sink sink, Supplier<Instant> clock, Duration idle) {
        this.lobby = new Lobby(journal, sink, clock, idle);
        this.changes = new Changes(lobby);
    }

    /**
     * The rooms of a hub over its journal: members' changes go in through {@code sink}, the hub's own
     * (a member gone or silent) straight to the journal, and the room resource reads messages from it.
     * {@link #replay} the journal's last day into them, then {@link #start}.
     */
    public static Rooms open(Journal journal, Sink sink, Supplier<Instant> clock, Duration idle) {
        return new Rooms(journal, sink, clock, idle);
    }

    /** Rebuilds from one journal event of the last day, oldest first; other events are ignored. */
    public void replay(Event e) {
        lobby.replay(e);
    }

    /** Starts the sweep, and gives every member rebuilt from the journal {@link #GRACE} to reconnect. */
    public void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                lobby.sweep();
            } catch (RuntimeException e) {
                log.warn("The room sweep failed", e);
            }
        }, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        lobby.users().forEach(this::check);
    }

    /** A room request ({@code room.*}) from the connection of {@code user}, whose events are stamped {@code sender}. */
    public CompletableFuture<Object> call(String method, JsonNode params, String user, String sender) {
        try {
            return switch (method) {
                case HubMethods.ROOM_QUEUE -> changes.enterQueue(user, sender, params);
                case HubMethods.ROOM_JOIN -> changes.join(user, sender, params);
                case HubMethods.ROOM_SEND -> changes.send(user, sender, params);
                case HubMethods.ROOM_LEAVE -> changes.leave(user, sender, params);
                case HubMethods.ROOM_LIST -> CompletableFuture.completedFuture(lobby.list(user));
                case HubMethods.ROOM_GET -> CompletableFuture.completedFuture(lobby.get(user, params));
                default -> throw new RpcException(ErrorCode.METHOD_NOT_FOUND, "Method not found: " + method);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A connection said hello as {@code user}. */
    public void online(String user) {
        online.merge(user, 1, Integer::sum);
    }

    /** A connection of {@code user} ended: unless another comes within {@link #GRACE}, it leaves its rooms and the queue. */
    public void offline(String user) {
        online.computeIfPresent(user, (k, n) -> n > 1 ? n - 1 : null);
        check(user);
    }

    private void check(String user) {
        try {
            timer.schedule(() -> {
                if (!online.containsKey(user)) {
                    lobby.drop(user, RoomEvent.Reason.DISCONNECTED);
                }
            }, GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the next hub decides
        }
    }

    /** For tests: the sweep, now. */
    void sweep() {
        lobby.sweep();
    }

    /** Stops the timers; the next hub rebuilds from the journal. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The error a failed {@link #call} is answered with. */
    public static ErrorObject error(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return switch (cause) {
            case RpcException e -> e.toError();
            case JournalException e -> ErrorObject.of(ErrorCode.NOT_STORED, "Not stored: " + e.getMessage());
            default -> ErrorObject.of(ErrorCode.INTERNAL_ERROR, "The room request failed: " + cause);
        };
    }

    /** True if a publisher may not send this draft: room topics and session addresses belong to the rooms. */
    public static boolean reserved(Draft draft) {
        return RoomEvent.topic(draft.topic()) || draft.to().stream().anyMatch(Rooms::reservedAddress);
    }

    /** True for a name no inbox may have: {@code session.*} is where room events reach one connection. */
    public static boolean reservedAddress(String name) {
        return name.startsWith(SESSION_PREFIX);
    }

    /** The address room events for the connection {@code user} carry in {@code to}. */
    public static String address(String user) {
        return SESSION_PREFIX + user;
    }

    public static boolean isRoomEvent(Event e) {
        return RoomEvent.topic(e.topic());
    }

    /** What a room event means for the member {@code me}; null if nothing (its own message or join, the queue). */
    public static Happening happening(Event e, String me) {
        RoomEvent change = RoomEvent.parse(e);
        return change == null ? null : change.happening(e, me);
    }

    /** Why {@code me} is no longer in the event's room, if the event says it left or was removed; else null. */
    public static String removed(Event e, String me) {
        return RoomEvent.parse(e) instanceof RoomEvent.Left l && l.who().user().equals(me) ? l.reason().wire() : null;
    }

    /** In a session's process: the room tools and resource, and the room events of its feed turned into notifications. */
    public static void install(Server server, Mailbox mailbox) {
        Seat seat = new Seat(mailbox);
        mailbox.divert(Rooms::isRoomEvent, seat::onEvent);
        server.onSessionReady(seat::ready);
        new RoomTools(mailbox, seat).install(server);
    }
}
