package dev.herald.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.Herald;
import dev.herald.event.Draft;
import dev.herald.event.EventId;
import dev.herald.event.InvalidEventException;
import dev.herald.jsonrpc.Decoded;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.ErrorObject;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.Message;
import dev.herald.jsonrpc.RpcException;
import dev.herald.journal.JournalException;
import dev.herald.rooms.Rooms;
import dev.herald.transport.LineChannel;
import dev.herald.transport.Transport;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the hub. {@link #run} is its reader (a platform thread, see Hub): it answers quick
 * requests itself and hands waiting ones (publish, awaitDelivery) to the answer threads. An attached
 * session, a chat member on the CLI or a follower also gets an {@link EventFeed} on a thread of its
 * own; {@code room.*} requests go to the hub's rooms. A line that is not
 * JSON-RPC, or too long, ends the connection: a hostile client is dropped, nobody else notices.
 */
final class Peer implements Transport.Receiver {
    private static final Logger log = LoggerFactory.getLogger(Peer.class);

    enum Role { UNKNOWN, SESSION, CLI }

    /** Writes answers that complete later (a publish once durable, a delivery awaited); platform threads, as in Hub. */
    private static final java.util.concurrent.ExecutorService ANSWERS = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("herald-hub-answer-", 0).factory());

    private final Hub hub;
    private final LineChannel channel;
    final AtomicLong delivered = new AtomicLong();
    volatile Role role = Role.UNKNOWN;
    volatile String id = "";
    volatile String inbox;
    volatile long pid;
    volatile String clientName;
    volatile String clientVersion;
    volatile String route = "none";
    volatile Filter filter = Filter.ALL;
    volatile Instant since;
    private volatile EventFeed feed;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;

    Peer(Hub hub, SocketChannel socket) {
        this.hub = hub;
        this.channel = new LineChannel(Channels.newInputStream(socket), Channels.newOutputStream(socket), HubSettings.MAX_LINE_BYTES, socket);
        this.since = hub.clock().get();
    }

    void run() {
        try {
            channel.readAll(this);
        } catch (IOException e) {
            log.debug("Hub client {} went away: {}", id, e.getMessage());
        } finally {
            close();
            if (role != Role.UNKNOWN) {
                hub.rooms().offline(id); // gone for good unless it says hello again within the grace
            }
            done.countDown();
        }
    }

    /** Waits until this peer's reader has handled all its client sent and ended; false after {@code nanos}. */
    boolean awaitDone(long nanos) throws InterruptedException {
        return done.await(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public void onFrame(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        switch (hub.codec().decode(buf, off, len)) {
            case Decoded.Valid(Message.Request r) -> onRequest(r);
            case Decoded.Valid(Message.Notification n) -> onNotification(n);
            case Decoded.Valid(Message.Response r) -> drop("sent a response to the hub");
            case Decoded.Invalid invalid -> {
                if (invalid.reply() != null) {
                    send(invalid.reply());
                }
                drop("sent an invalid message (" + invalid.reason() + ")");
            }
            case Decoded.Batch b -> drop("sent a batch, which the hub does not take");
        }
    }

    @Override
    public void onOversized(long limitBytes) {
        send(Message.Failure.of(null, ErrorCode.INVALID_REQUEST, "Invalid request: message longer than " + limitBytes + " bytes"));
        drop("sent a message over " + limitBytes + " bytes");
    }

    private void drop(String why) {
        log.warn("Dropped hub client {}: it {}", id.isEmpty() ? "(before hello)" : id, why);
        close();
    }

    private void onRequest(Message.Request r) {
        ObjectNode p = r.params() == null ? Json.object() : r.params();
        try {
            if (role == Role.UNKNOWN && !r.method().equals(HubMethods.HELLO)) {
                throw new RpcException(ErrorCode.INVALID_REQUEST, "Invalid request: send hello first");
            }
            switch (r.method()) {
                case HubMethods.HELLO -> answer(r, hello(p));
                case HubMethods.ATTACH -> attach(r, p);
                case HubMethods.FOLLOW -> follow(r, p);
                case HubMethods.FILTER -> {
                    filter = Filter.fromJson(p);
                    answer(r, Map.of());
                }
                case HubMethods.PUBLISH -> publish(r, p);
                case HubMethods.AWAIT_DELIVERY -> awaitDelivery(r, p);
                case HubMethods.PERMISSION_REQUEST -> permissionRequest(r, p);
                case HubMethods.VERDICT -> verdict(r, p);
                case HubMethods.SESSIONS -> answer(r, Map.of("sessions", Views.sessions(hub)));
                case HubMethods.TOPICS -> answer(r, Map.of("families", new java.util.TreeSet<>(hub.families())));
                case HubMethods.EVENTS -> answer(r, Views.events(hub, p));
                case HubMethods.GET_EVENT -> answer(r, Map.of("event", Views.event(hub, p, this).toJson()));
                default -> {
                    if (!r.method().startsWith(HubMethods.ROOM_PREFIX)) {
                        throw new RpcException(ErrorCode.METHOD_NOT_FOUND, "Method not found: " + r.method());
                    }
                    hub.rooms().call(r.method(), p, id, sender()).whenCompleteAsync((result, failure) -> {
                        send(failure == null ? new Message.Success(r.id(), result) : new Message.Failure(r.id(), Rooms.error(failure)));
                    }, ANSWERS);
                }
            }
        } catch (RpcException e) {
            send(new Message.Failure(r.id(), e.toError()));
        } catch (JournalException e) {
            send(new Message.Failure(r.id(), ErrorObject.of(ErrorCode.NOT_STORED, e.getMessage())));
        }
    }

    private Map<String, Object> hello(ObjectNode p) {
        if (role != Role.UNKNOWN) {
            throw new RpcException(ErrorCode.INVALID_REQUEST, "Invalid request: hello was sent already");
        }
        String name = p.path("id").asText("");
        if (!Draft.NAME.matcher(name).matches()) {
            throw RpcException.invalidParams("id must be 1 to 64 letters, digits or . _ - /");
        }
        Role claimed = switch (p.path("role").asText("")) {
            case "session" -> Role.SESSION;
            case "cli" -> Role.CLI;
            default -> throw RpcException.invalidParams("role must be session or cli");
        };
        if (claimed == Role.SESSION) {
            String box = p.path("inbox").asText("");
            if (!Draft.NAME.matcher(box).matches() || Rooms.reservedAddress(box)) {
                throw RpcException.invalidParams("a session needs an inbox name (not session.*, which chat rooms use)");
            }
            inbox = box;
        }
        long claimedPid = p.path("pid").asLong(-1);
        for (Peer other : hub.peers()) {
            if (other != this && !other.closed() && other.role != Role.UNKNOWN && other.id.equals(name)) {
                if (other.pid != claimedPid) {
                    throw RpcException.invalidParams("id " + name + " is in use by another live connection"); // a member's id is its identity
                }
                other.close(); // the same process reconnecting before the hub saw its old connection end
            }
        }
        id = name;
        pid = claimedPid;
        role = claimed;
        hub.rooms().online(name);
        return Map.of("hub", Map.of("pid", ProcessHandle.current().pid(), "version", Herald.VERSION, "since", hub.since().toString(),
                "home", hub.home().dir().toString()));
    }

    /** The sender name the hub stamps on what this peer publishes: it cannot claim another. */
    String sender() {
        return role == Role.SESSION ? "session:" + id : "cli:" + System.getProperty("user.name", "user");
    }

    private void attach(Message.Request r, ObjectNode p) {
        if (feed != null) {
            answer(r, Map.of("pending", 0, "skipped", 0)); // a client's resend after a reconnect race: already done
            return;
        }
        String lastSeen = p.path("lastSeen").asText(null);
        EventFeed f = role == Role.SESSION ? EventFeed.forSession(hub, this, lastSeen) : EventFeed.forMember(hub, this, lastSeen);
        feed = f;
        answer(r, Map.of("pending", f.pending(), "skipped", f.skipped()));
        Thread.ofPlatform().daemon().name("herald-hub-feed").start(f::run);
    }

    private void follow(Message.Request r, ObjectNode p) {
        if (feed != null) {
            answer(r, Map.of());
            return;
        }
        EventFeed f = EventFeed.follower(hub, this, p.path("since").asText(null), p.path("topic").asText(null));
        feed = f;
        answer(r, Map.of());
        Thread.ofPlatform().daemon().name("herald-hub-follow").start(f::run);
    }

    private void publish(Message.Request r, ObjectNode p) throws JournalException {
        Draft draft;
        try {
            draft = Draft.fromJson(p.get("event"));
        } catch (InvalidEventException e) {
            throw RpcException.invalidParams("Invalid event: " + e.getMessage());
        }
        publish(r, p, draft);
    }

    /** Publishes {@code draft} for request {@code r}, answering once it is durable. */
    private void publish(Message.Request r, ObjectNode p, Draft draft) throws JournalException {
        String nonce = p.path("nonce").textValue();
        try {
            hub.publish(sender(), draft, nonce).whenCompleteAsync((outcome, failure) -> {
                if (failure == null) {
                    answer(r, Map.of("id", outcome.idText(), "duplicate", outcome.duplicate()));
                } else {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    send(new Message.Failure(r.id(), ErrorObject.of(ErrorCode.NOT_STORED, "Not stored: " + cause.getMessage())));
                }
            }, ANSWERS);
        } catch (Publisher.RateLimitedException e) {
            send(new Message.Failure(r.id(), new ErrorObject(ErrorCode.RATE_LIMITED.code(), e.getMessage(),
                    Map.of("retryAfterMs", e.retryAfterMs()))));
        } catch (InvalidEventException e) {
            throw RpcException.invalidParams(e.getMessage());
        }
    }

    /** Opens the prompt and tells every other session and the CLI, as a high-priority event on topic permissions. */
    private void permissionRequest(Message.Request r, ObjectNode p) throws JournalException {
        if (role != Role.SESSION) {
            throw new RpcException(ErrorCode.INVALID_REQUEST, "Invalid request: only a session relays permission prompts");
        }
        String requestId = p.path("request_id").asText("");
        if (!Permissions.REQUEST_ID.matcher(requestId).matches()) {
            throw RpcException.invalidParams("request_id must be five letters a-z without l");
        }
        ObjectNode data = Json.object();
        for (String field : new String[] {"request_id", "tool_name", "description", "input_preview"}) {
            data.put(field, p.path(field).asText(""));
        }
        data.put("session", id);
        data.put("inbox", inbox);
        Draft draft;
        try {
            draft = Draft.of("permissions", dev.herald.event.Priority.HIGH, "Permission request " + requestId + ": "
                    + clip(data.get("tool_name").asText(), 64), clip(data.get("description").asText(), 2000) + "\n"
                    + clip(data.get("input_preview").asText(), 4000) + "\nAnswer with: herald approve " + requestId + "  or  herald deny "
                    + requestId, data, java.util.List.of(), null);
        } catch (InvalidEventException e) {
            throw RpcException.invalidParams("Invalid permission request: " + e.getMessage());
        }
        hub.permissions().open(requestId, this, hub.clock().get());
        publish(r, p, draft);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }

    private void verdict(Message.Request r, ObjectNode p) {
        String requestId = p.path("request_id").asText("");
        String behavior = p.path("behavior").asText("");
        if (!behavior.equals("allow") && !behavior.equals("deny")) {
            throw RpcException.invalidParams("behavior must be allow or deny");
        }
        Peer asker = hub.permissions().answer(requestId, hub.clock().get());
        asker.send(new Message.Notification(HubMethods.PERMISSION, Map.of("request_id", requestId, "behavior", behavior)));
        answer(r, Map.of("session", asker.id, "inbox", asker.inbox));
    }

    private void awaitDelivery(Message.Request r, ObjectNode p) {
        long event = Views.eventId(p.path("id").asText(null));
        long timeout = Math.clamp(p.path("timeoutMs").asLong(0), 0, 3_600_000);
        hub.deliveries().await(event, Duration.ofMillis(timeout)).thenAcceptAsync(list -> answer(r, Map.of("deliveredTo",
                list.stream().map(d -> Map.of("session", d.session(), "inbox", d.inbox())).toList())), ANSWERS);
    }

    private void onNotification(Message.Notification n) {
        JsonNode p = n.params() instanceof JsonNode node ? node : Json.object();
        switch (n.method()) {
            case HubMethods.INFO -> {
                clientName = p.path("client").path("name").textValue();
                clientVersion = p.path("client").path("version").textValue();
                route = p.path("route").asText(route);
            }
            case HubMethods.DELIVERED -> {
                long event = EventId.parse(p.path("id").asText(""));
                if (event > 0 && role == Role.SESSION) {
                    hub.cursors().advance(inbox, event);
                    if (p.path("written").asBoolean(false)) {
                        delivered.incrementAndGet();
                        hub.deliveries().record(event, new Deliveries.Delivery(id, inbox));
                    }
                }
            }
            default -> log.debug("Ignored hub notification {}", n.method());
        }
    }

    private void answer(Message.Request r, Object result) {
        send(new Message.Success(r.id(), result));
    }

    void send(Message message) {
        write(hub.codec().encode(message));
    }

    /** Writes one line; a failure ends the connection. Blocks while this peer is not reading. */
    void write(byte[] line) {
        if (closed) {
            return;
        }
        try {
            channel.write(line);
        } catch (IOException e) {
            close();
        }
    }

    void writeAll(Iterable<byte[]> lines) throws IOException {
        channel.writeAll(lines);
    }

    boolean lagging() {
        EventFeed f = feed;
        return f != null && f.lagging();
    }

    boolean closed() {
        return closed;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        EventFeed f = feed;
        if (f != null) {
            f.stop();
        }
        channel.close();
    }
}
