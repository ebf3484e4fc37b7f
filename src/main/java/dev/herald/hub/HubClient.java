package dev.herald.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Decoded;
import dev.herald.jsonrpc.Id;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.Message;
import dev.herald.transport.LineChannel;
import dev.herald.transport.Transport;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to the hub that keeps itself up: one daemon thread connects, says hello,
 * re-attaches and re-sends every request not yet answered (publishes carry a nonce, so a resend is
 * never stored twice), then reads until the hub goes away, and starts over. Events reach the
 * {@link Listener} on that thread, in order; a listener that blocks holds back only this
 * connection. {@link #request} may be called from any thread.
 */
public final class HubClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubClient.class);
    private static final Duration RETRY = Duration.ofMillis(100);

    /** Who this client is: {@code role} session or cli; a session names its inbox. */
    public record Hello(String role, String id, String inbox) {}

    /** Told what the hub sends; runs on the client's reader thread. */
    public interface Listener {
        /** The newest event id this client has been given, or null: where a re-attach resumes. */
        String lastSeen();

        void onEvent(Event event);

        /** Older events were left out of a replay: {@code skipped} of them, ids {@code from} to {@code to}. */
        void onReplay(int skipped, String from, String to);

        /** A connection to a hub is up (again). */
        default void onConnected() {}

        /** The user answered a permission prompt this session relayed. */
        default void onPermission(String requestId, String behavior) {}
    }

    private record Call(String method, Object params, CompletableFuture<JsonNode> done) {}

    private final HeraldHome home;
    private final Hello hello;
    private final Listener listener;
    private final Codec codec = new Codec(Json.mapper(HubSettings.MAX_LINE_BYTES));
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Call> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile LineChannel channel;
    private volatile boolean attached;
    private volatile ObjectNode filter;
    private volatile ObjectNode info;
    private volatile ObjectNode follow;
    private volatile boolean closed;

    private HubClient(HeraldHome home, Hello hello, Listener listener) {
        this.home = home;
        this.hello = hello;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("herald-hub-client").start(this::connectLoop); // not virtual: see Hub (exit)
    }

    /** Starts connecting in the background; requests wait for the connection. */
    public static HubClient start(HeraldHome home, Hello hello, Listener listener) {
        return new HubClient(home, hello, listener);
    }

    /** From now on, and after every reconnect, receive this session's events. */
    public void attach() {
        attached = true;
        LineChannel c = channel;
        if (c != null) {
            sendAttach(c);
        }
    }

    /** Receive every event after {@code since} (null: from now), on every connection. */
    public void follow(String since, String topic) {
        ObjectNode p = Json.object();
        p.put("since", since);
        p.put("topic", topic);
        follow = p;
        LineChannel c = channel;
        if (c != null) {
            fireAndForget(c, HubMethods.FOLLOW, p);
        }
    }

    /** Tells the hub about this session's client and route; kept for reconnects. */
    public void info(ObjectNode params) {
        info = params;
        LineChannel c = channel;
        if (c != null) {
            write(c, new Message.Notification(HubMethods.INFO, params));
        }
    }

    /** Sets what this session receives; kept for reconnects. */
    public void filter(ObjectNode params) {
        filter = params;
        LineChannel c = channel;
        if (c != null) {
            fireAndForget(c, HubMethods.FILTER, params);
        }
    }

    public boolean connected() {
        return channel != null;
    }

    /** Sends a request and waits for its answer, across reconnects, for at most {@code timeout}. */
    public JsonNode request(String method, Object params, Duration timeout) throws HubException, InterruptedException {
        long id = ids.incrementAndGet();
        Call call = new Call(method, params, new CompletableFuture<>());
        pending.put(id, call);
        LineChannel c = channel;
        if (c != null) {
            write(c, new Message.Request(new Id.Num(id), method, (ObjectNode) Json.shared().valueToTree(params)));
        }
        try {
            return call.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HubException(0, channel == null ? "no Herald hub is reachable at " + home.socket()
                    : "the hub did not answer " + method + " within " + timeout.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw (HubException) e.getCause();
        } finally {
            pending.remove(id);
        }
    }

    /** Sends a notification if connected; dropped otherwise (what it reports is re-derived after a reconnect). */
    public void notify(String method, Object params) {
        LineChannel c = channel;
        if (c != null) {
            write(c, new Message.Notification(method, params));
        }
    }

    private void connectLoop() {
        while (!closed) {
            SocketChannel socket;
            try {
                socket = SocketChannel.open(StandardProtocolFamily.UNIX);
                socket.connect(UnixDomainSocketAddress.of(home.socket()));
            } catch (IOException e) {
                if (!pause()) {
                    return;
                }
                continue;
            }
            LineChannel c = new LineChannel(Channels.newInputStream(socket), Channels.newOutputStream(socket), HubSettings.MAX_LINE_BYTES, socket);
            try {
                greet(c);
                listener.onConnected();
                c.readAll(receiver(c));
            } catch (IOException | RuntimeException e) {
                log.debug("Hub connection lost: {}", e.getMessage());
            } finally {
                channel = null;
                c.close();
            }
            if (!closed) {
                log.info("The hub went away; reconnecting");
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(RETRY);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Hello, the filter, attach or follow, then every unanswered request, in that order on the new connection. */
    private void greet(LineChannel c) throws IOException {
        ObjectNode p = Json.object();
        p.put("role", hello.role());
        p.put("id", hello.id());
        p.put("inbox", hello.inbox());
        p.put("pid", ProcessHandle.current().pid());
        c.write(codec.encode(new Message.Request(new Id.Num(ids.incrementAndGet()), HubMethods.HELLO, p)));
        channel = c; // from here other threads write too; what they send twice meanwhile is harmless (nonces, idempotent requests)
        if (filter != null) {
            c.write(codec.encode(new Message.Request(new Id.Num(ids.incrementAndGet()), HubMethods.FILTER, filter)));
        }
        if (info != null) {
            c.write(codec.encode(new Message.Notification(HubMethods.INFO, info)));
        }
        if (attached) {
            sendAttach(c);
        }
        if (follow != null) {
            fireAndForget(c, HubMethods.FOLLOW, follow);
        }
        for (Map.Entry<Long, Call> e : List.copyOf(pending.entrySet())) {
            Call call = e.getValue();
            c.write(codec.encode(new Message.Request(new Id.Num(e.getKey()), call.method(),
                    (ObjectNode) Json.shared().valueToTree(call.params()))));
        }
    }

    private void sendAttach(LineChannel c) {
        ObjectNode p = Json.object();
        p.put("lastSeen", listener.lastSeen());
        fireAndForget(c, HubMethods.ATTACH, p);
    }

    private void fireAndForget(LineChannel c, String method, ObjectNode params) {
        write(c, new Message.Request(new Id.Num(ids.incrementAndGet()), method, params));
    }

    private void write(LineChannel c, Message m) {
        try {
            c.write(codec.encode(m));
        } catch (IOException e) {
            c.close(); // the reader sees the end and reconnects; pending requests are resent then
        }
    }

    private Transport.Receiver receiver(LineChannel c) {
        return new Transport.Receiver() {
            @Override
            public void onFrame(byte[] buf, int off, int len) {
                if (codec.decode(buf, off, len) instanceof Decoded.Valid(Message m)) {
                    onMessage(m);
                }
            }

            @Override
            public void onOversized(long limitBytes) {
                log.warn("The hub sent a message over {} bytes; reconnecting", limitBytes);
                c.close();
            }
        };
    }

    private void onMessage(Message m) {
        switch (m) {
            case Message.Notification n when n.method().equals(HubMethods.EVENT) -> {
                Event e = Event.fromJson(((JsonNode) n.params()).path("event"));
                if (e != null) {
                    listener.onEvent(e);
                }
            }
            case Message.Notification n when n.method().equals(HubMethods.REPLAY) -> {
                JsonNode p = (JsonNode) n.params();
                listener.onReplay(p.path("skipped").asInt(), p.path("from").asText(), p.path("to").asText());
            }
            case Message.Notification n when n.method().equals(HubMethods.PERMISSION) -> {
                JsonNode p = (JsonNode) n.params();
                listener.onPermission(p.path("request_id").asText(), p.path("behavior").asText());
            }
            case Message.Notification n -> log.debug("Ignored hub notification {}", n.method());
            case Message.Request r -> log.debug("Ignored a request from the hub: {}", r.method());
            case Message.Success s -> complete(s.id(), s.resultNode(), null);
            case Message.Failure f -> complete(f.id(), null, new HubException(f.error().code(), f.error().message(),
                    f.error().data() instanceof JsonNode d ? d : null));
        }
    }

    private void complete(Id id, JsonNode result, HubException failure) {
        if (!(id instanceof Id.Num(long n))) {
            return;
        }
        Call call = pending.get(n);
        if (call == null) {
            if (failure != null) {
                log.warn("The hub refused a request: {}", failure.getMessage());
            }
            return;
        }
        if (failure != null) {
            call.done().completeExceptionally(failure);
        } else {
            call.done().complete(result);
        }
    }

    @Override
    public void close() {
        closed = true;
        LineChannel c = channel;
        if (c != null) {
            c.close();
        }
        thread.interrupt();
    }
}
