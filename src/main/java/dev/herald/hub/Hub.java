package dev.herald.hub;

import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.event.InvalidEventException;
import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Json;
import dev.herald.journal.FileJournal;
import dev.herald.journal.Journal;
import dev.herald.journal.JournalException;
import dev.herald.rooms.Rooms;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub of one {@code HERALD_HOME}, run by the process that holds its lock: the journal, the
 * socket, the chat rooms ({@link Rooms}), and one {@link Peer} per connection. The accept loop runs
 * on a platform thread; each peer reads on a thread of its own and, once attached, sends events
 * from another, so a peer that stops reading holds up nobody else. Socket I/O stays off virtual
 * threads: blocking socket I/O on a virtual thread starts the JDK's poller thread, which then holds
 * every exit of the process for 300 ms. Closing stops everything and removes the socket.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    /** How long a chat id stays open for replies. */
    public static final Duration CHAT_OPEN = Duration.ofHours(24);
    private static final Duration OWN_CLIENTS_GRACE = Duration.ofMillis(300);

    private final HeraldHome home;
    private final HubSettings settings;
    private final Supplier<Instant> clock;
    private final Journal journal;
    private final Cursors cursors;
    private final Publisher publisher;
    private final Rooms rooms;
    private final Deliveries deliveries = new Deliveries();
    private final Permissions permissions = new Permissions();
    /** Topic families (a topic's first path segment) of the last day's events and every new one: the Events extension's types. */
    private final Set<String> families = ConcurrentHashMap.newKeySet();
    private final Codec codec = new Codec(Json.mapper(HubSettings.MAX_LINE_BYTES));
    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
    private final ServerSocketChannel server;
    private final Instant since;
    private volatile boolean closed;

    private Hub(HeraldHome home, HubSettings settings, Supplier<Instant> clock) throws IOException, JournalException {
        this.home = home;
        this.settings = settings;
        this.clock = clock;
        this.since = clock.get();
        this.journal = FileJournal.open(home.journal(), settings.retention(), clock);
        try {
            this.cursors = new Cursors(home.cursors());
            this.publisher = new Publisher(journal, new RateLimiter(settings.senderRate(), settings.senderBurst()), clock);
            this.rooms = Rooms.open(journal, publisher::publish, clock, settings.roomIdle()); // a member's change: rate limit, nonce dedup
            journal.scan(EventId.floor(clock.get().minus(Duration.ofDays(1))) - 1, journal.head(), e -> {
                if (Rooms.isRoomEvent(e)) {
                    rooms.replay(e); // the rooms of the last day: members, last messages, the queue
                } else {
                    families.add(family(e.topic()));
                }
                return true;
            });
            Files.deleteIfExists(home.socket()); // left by a hub that died: we hold the lock, so no live hub owns it
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(home.socket()));
            Files.setPosixFilePermissions(home.socket(), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | JournalException | RuntimeException e) {
            journal.close();
            throw e;
        }
        Thread.ofPlatform().daemon().name("herald-hub-accept").start(this::acceptLoop);
        rooms.start(); // from now on, members rebuilt from the journal have Rooms.GRACE to reconnect
        log.info("Hub for {} serving on {} (journal head {})", home.dir(), home.socket(), journal.head());
    }

    /** Starts the hub; the caller must hold the {@link HubLock}. */
    public static Hub start(HeraldHome home, HubSettings settings, Supplier<Instant> clock) throws IOException {
        try {
            return new Hub(home, settings, clock);
        } catch (JournalException e) {
            throw new IOException(e.getMessage());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("The hub stopped accepting connections: {}", e.getMessage());
                }
                return;
            }
            if (peers.size() >= HubSettings.MAX_PEERS) {
                log.warn("Refused a hub connection: {} are open already", HubSettings.MAX_PEERS);
                closeQuietly(channel);
                continue;
            }
            Peer peer = new Peer(this, channel);
            peers.add(peer);
            Thread.ofPlatform().daemon().name("herald-hub-peer").start(() -> {
                try {
                    peer.run();
                } finally {
                    peers.remove(peer);
                }
            });
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    HeraldHome home() {
        return home;
    }

    HubSettings settings() {
        return settings;
    }

    Supplier<Instant> clock() {
        return clock;
    }

    /** The journal, for readers in the hub's own process (the HTTP listener's polls and streams). */
    public Journal journal() {
        return journal;
    }

    /**
     * Publishes from the hub's own process (a peer on the socket, the HTTP listener): the sender's
     * rate limit, dedup, then the durable append; the future completes once the event is on disk.
     */
    public CompletableFuture<Publisher.Outcome> publish(String sender, Draft draft, String nonce)
            throws Publisher.RateLimitedException, InvalidEventException, JournalException {
        if (Rooms.reserved(draft)) {
            throw new InvalidEventException("topics room and room/... and addresses session.... belong to the chat rooms: use the "
                    + "room tools or herald chat");
        }
        if (draft.replyTo() != null) {
            draft = reply(draft);
        }
        families.add(family(draft.topic()));
        return publisher.publish(sender, draft, nonce);
    }

    /** A topic's family: its first path segment ({@code ci/build} is in {@code ci}). */
    public static String family(String topic) {
        int slash = topic.indexOf('/');
        return slash < 0 ? topic : topic.substring(0, slash);
    }

    Set<String> families() {
        return families;
    }

    /**
     * A reply reaches only an open chat: an event that opened one less than 24 hours ago. It goes to
     * the chat's own address {@code chat.<id>} (where its asker listens) besides any inboxes named.
     */
    private Draft reply(Draft draft) throws InvalidEventException, JournalException {
        long chat = EventId.parse(draft.replyTo());
        Event opener = journal.find(chat);
        if (opener == null || !opener.chat() || opener.time().isBefore(clock.get().minus(CHAT_OPEN))) {
            throw new InvalidEventException("chat_id " + draft.replyTo() + " is not an open chat (Herald issues chat ids on events "
                    + "that can be answered; they close after 24 hours)");
        }
        List<String> to = new ArrayList<>(draft.to());
        to.add(chatAddress(draft.replyTo()));
        return new Draft(draft.topic(), draft.priority(), draft.title(), draft.body(), draft.data(), to, draft.dedupKey(), false,
                draft.replyTo());
    }

    /** The inbox name replies to a chat are addressed to. */
    public static String chatAddress(String chatId) {
        return "chat." + chatId;
    }

    Cursors cursors() {
        return cursors;
    }

    Rooms rooms() {
        return rooms;
    }

    Permissions permissions() {
        return permissions;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    Codec codec() {
        return codec;
    }

    Set<Peer> peers() {
        return peers;
    }

    Instant since() {
        return since;
    }

    boolean closed() {
        return closed;
    }

    /**
     * This process's own clients (its session) disconnect just before its hub closes: their last
     * lines, such as the acknowledgement of an event just written, are read before the peers close,
     * or the next hub would give the inbox that event again.
     */
    private void awaitOwnClients() {
        long self = ProcessHandle.current().pid();
        long deadline = System.nanoTime() + OWN_CLIENTS_GRACE.toNanos();
        try {
            for (Peer peer : peers) {
                if (peer.pid == self && !peer.awaitDone(Math.max(0, deadline - System.nanoTime()))) {
                    log.debug("A client of this process was still connected as its hub closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rooms.close(); // no more removals from this hub: the next one decides from the journal
        try {
            server.close();
        } catch (IOException e) {
            log.debug("Closing the hub socket: {}", e.getMessage());
        }
        awaitOwnClients();
        peers.forEach(Peer::close);
        journal.close();
        cursors.close();
        try {
            Files.deleteIfExists(home.socket());
        } catch (IOException e) {
            log.debug("Removing the hub socket: {}", e.getMessage());
        }
        log.info("Hub for {} stopped", home.dir());
    }
}
