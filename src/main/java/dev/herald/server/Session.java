package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Decoded;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Id;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.Message;
import dev.herald.jsonrpc.RpcException;
import dev.herald.feature.ClientChannel;
import dev.herald.feature.Resources;
import dev.herald.feature.SessionInfo;
import dev.herald.notify.Notifier;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.ListKind;
import dev.herald.protocol.InitializeResult;
import dev.herald.protocol.Methods;
import dev.herald.protocol.ProtocolVersion;
import dev.herald.protocol.ServerCapabilities;
import dev.herald.transport.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the lifecycle state machine and the routing of every incoming message.
 * {@link #onFrame} runs on the transport's reader thread, which only decodes and routes:
 * {@code initialize}, {@code ping} and notifications are handled there, in arrival order; every
 * other request runs as a {@link Call} on its own virtual thread. The session never sees the pipe:
 * it reads frames from and sends frames to a {@link Transport}.
 */
public final class Session implements Transport.Receiver, SessionInfo {
    static final Logger log = LoggerFactory.getLogger(Session.class);
    static final Map<String, Object> EMPTY = Map.of();
    private static final Duration HANDOVER = Duration.ofMillis(100);

    /** Where the session is in the MCP lifecycle. */
    public enum State { AWAITING_INITIALIZE, AWAITING_INITIALIZED, READY, CLOSED }

    private final Server server;
    private final Codec codec;
    private final Transport transport;
    private final Notifier notifier;
    private final Outgoing outgoing = new Outgoing(this);
    private final Dispatcher dispatcher;
    private final Tasks tasks;
    private final Tasks modernTasks;
    private final Listens listens = new Listens(this);
    private final CallTable calls;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final ResponseSink direct = new ResponseSink() {
        @Override
        public void answer(Message.Response response) {
            send(response);
        }

        @Override
        public void skip() {}
    };
    private volatile State state = State.AWAITING_INITIALIZE;
    private volatile ProtocolVersion version;
    private volatile Implementation clientInfo;
    private volatile ObjectNode clientCapabilities = Json.object();
    private final Roots roots;

    public Session(Server server, Codec codec, Transport transport) {
        this.server = server;
        this.codec = codec;
        this.transport = transport;
        this.notifier = new Notifier(codec, transport::send, transport::congested, server.notificationLog(), server.options().logLevel());
        transport.onDrained(notifier::drained);
        this.dispatcher = new Dispatcher(server, this);
        this.tasks = new Tasks(this, server.scheduler());
        this.modernTasks = new Tasks(this, server.scheduler());
        this.calls = new CallTable(server.options().maxInFlight());
        this.roots = new Roots(outgoing, server.options().clientTimeout());
        server.attach(this);
    }

    @Override
    public void onFrame(byte[] buf, int off, int len) {
        try {
            switch (codec.decode(buf, off, len)) {
                case Decoded.Valid valid -> route(valid.message(), direct);
                case Decoded.Invalid invalid -> reject(invalid, direct);
                case Decoded.Batch batch -> onBatch(batch);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // The reader thread must survive anything one message does to it.
            log.error("Failed to handle an input message", e);
            send(Message.Failure.of(null, ErrorCode.INTERNAL_ERROR, "Internal error while reading a message"));
        }
    }

    @Override
    public void onOversized(long limitBytes) {
        send(Message.Failure.of(null, ErrorCode.INVALID_REQUEST, "Invalid request: message longer than " + limitBytes + " bytes"));
    }

    private void reject(Decoded.Invalid invalid, ResponseSink sink) {
        if (invalid.reply() != null) {
            sink.answer(invalid.reply());
        } else {
            log.debug("Ignored input: {}", invalid.reason());
        }
    }

    private void route(Message message, ResponseSink sink) {
        switch (message) {
            case Message.Request request -> onRequest(request, sink);
            case Message.Notification notification -> onNotification(notification);
            case Message.Response response -> outgoing.complete(response);
        }
    }

    private void onBatch(Decoded.Batch batch) {
        ProtocolVersion v = version;
        if (v == null || !v.batches()) {
            send(Message.Failure.of(null, ErrorCode.INVALID_REQUEST,
                    "Invalid request: batches are not supported by protocol version " + (v == null ? "(none yet)" : v.wire())));
            return;
        }
        BatchReply reply = new BatchReply(responses -> {
            byte[] bytes = codec.encodeBatch(responses);
            transport.send(Transport.Frame.of(bytes));
        });
        for (Decoded.Element element : batch.elements()) {
            switch (element) {
                case Decoded.Invalid invalid when invalid.reply() != null -> reply.slot().answer(invalid.reply());
                case Decoded.Valid(Message.Request r) when r.method().equals(Methods.INITIALIZE) -> reply.slot().answer(
                        Message.Failure.of(r.id(), ErrorCode.INVALID_REQUEST, "Invalid request: initialize must not be part of a batch"));
                case Decoded.Valid(Message.Request r) -> onRequest(r, reply.slot());
                case Decoded.Valid valid -> route(valid.message(), direct);
                case Decoded.Invalid invalid -> reject(invalid, direct);
            }
        }
        reply.seal();
    }

    private void onRequest(Message.Request request, ResponseSink sink) {
        String method = request.method();
        if (Modern.speaks(request)) {
            Caller caller;
            try {
                caller = Modern.caller(request, server);
            } catch (RpcException e) {
                sink.answer(new Message.Failure(request.id(), e.toError()));
                return;
            }
            start(request, sink, caller);
        } else if (method.equals(Methods.INITIALIZE)) {
            sink.answer(initialize(request));
        } else if (method.equals(Methods.PING)) {
            sink.answer(new Message.Success(request.id(), EMPTY));
        } else if (!Dispatcher.handles(method)) {
            sink.answer(Message.Failure.of(request.id(), ErrorCode.METHOD_NOT_FOUND, "Method not found: " + method));
        } else if (state == State.AWAITING_INITIALIZE) {
            sink.answer(Message.Failure.of(request.id(), ErrorCode.INVALID_REQUEST,
                    "Invalid request: the session is not initialized; send initialize first"));
        } else {
            start(request, sink, new Caller(version(), clientCapabilities, clientInfo, null));
        }
    }

    /** Starts a request as a call on its own virtual thread, unless the session is closing, the id is taken, or too many run. */
    private void start(Message.Request request, ResponseSink sink, Caller caller) {
        if (state == State.CLOSED) {
            sink.answer(Message.Failure.of(request.id(), ErrorCode.INTERNAL_ERROR, "The server is shutting down"));
        } else if (calls.inUse(request.id())) {
            sink.answer(Message.Failure.of(request.id(), ErrorCode.INVALID_REQUEST,
                    "Invalid request: id " + request.id() + " is already in use by a request in flight"));
        } else if (!Lanes.stream(server, request.method()) && !calls.admit()) {
            sink.answer(Message.Failure.of(request.id(), ErrorCode.INTERNAL_ERROR, "Server busy: "
                    + server.options().maxInFlight() + " requests are already in flight; retry when some have finished"));
        } else {
            Call call = new Call(this, request, sink, caller, !Lanes.stream(server, request.method()));
            calls.add(call);
            if (Lanes.inline(server, request)) {
                call.run(); // cannot block: answered from the reader thread, one hand-off (to the writer) fewer
                Thread.interrupted(); // a shutdown's abort may have interrupted it: the reader carries on
            } else {
                Thread.startVirtualThread(call::run);
            }
        }
    }

    private Message.Response initialize(Message.Request request) {
        if (state != State.AWAITING_INITIALIZE) {
            return Message.Failure.of(request.id(), ErrorCode.INVALID_REQUEST, "Invalid request: the session is already initialized");
        }
        String requested;
        ObjectNode capabilities;
        ObjectNode info;
        try {
            requested = Params.requiredString(request.params(), "protocolVersion");
            capabilities = Params.objectOrEmpty(request.params(), "capabilities");
            info = Params.objectOrEmpty(request.params(), "clientInfo");
        } catch (RpcException e) {
            return new Message.Failure(request.id(), e.toError());
        }
        ProtocolVersion negotiated = ProtocolVersion.parse(requested);
        if (negotiated == null || negotiated.modern()) {
            negotiated = ProtocolVersion.LATEST; // answer with our latest; the client decides (lifecycle §Version Negotiation)
        }
        version = negotiated;
        clientCapabilities = capabilities;
        clientInfo = new Implementation(info.path("name").asText("unknown"), info.path("title").textValue(),
                info.path("version").asText("unknown"), null);
        state = State.AWAITING_INITIALIZED;
        log.info("Initialized by {} {} with protocol {}", clientInfo.name(), clientInfo.version(), negotiated);
        ObjectNode offered = ServerCapabilities.forVersion(negotiated);
        String instructions = server.greet(clientInfo, offered);
        return new Message.Success(request.id(), new InitializeResult(negotiated, offered, server.info().forVersion(negotiated), instructions));
    }

    private void onNotification(Message.Notification notification) {
        ObjectNode params = (ObjectNode) notification.params();
        switch (notification.method()) {
            case Methods.NOTIFICATIONS_INITIALIZED -> {
                if (state == State.AWAITING_INITIALIZED) {
                    state = State.READY;
                    notifier.ready();
                    server.sessionReady(this);
                }
            }
            case Methods.NOTIFICATIONS_CANCELLED -> {
                Id id = params == null ? null : Id.from(params.get("requestId"));
                Call call = id == null ? null : calls.get(id);
                if (call != null) {
                    call.cancel();
                }
            }
            case Methods.NOTIFICATIONS_ROOTS_LIST_CHANGED -> {
                if (state == State.READY) {
                    roots.refresh();
                }
            }
            case Methods.NOTIFICATIONS_SUBSCRIBE -> notifier.restrictTo(Params.stringSet(params, "types"));
            default -> {
                if (!server.clientNotification(this, notification.method(), params)) {
                    log.debug("Ignored notification {}", notification.method());
                }
            }
        }
    }

    /**
     * Ends the session: withdraws requests to the client, lets in-flight calls finish for at most
     * {@code grace}, then answers the rest with an error and interrupts them.
     */
    public void close(Duration grace) {
        state = State.CLOSED;
        outgoing.close();
        listens.endAll();
        calls.awaitSettled(grace);
        for (Call call : calls.running()) {
            call.abort("The server shut down before the request completed");
        }
        // Calls that were answering as the grace ran out only have their response to hand over.
        calls.awaitSettled(HANDOVER);
        tasks.close();
        modernTasks.close();
        server.detach(this);
    }

    void send(Message message) {
        byte[] bytes = codec.encode(message);
        transport.send(Transport.Frame.of(bytes));
    }

    // Accessors for the dispatcher, calls and the catalogue.

    Dispatcher dispatcher() {
        return dispatcher;
    }

    Server server() {
        return server;
    }

    Outgoing outgoing() {
        return outgoing;
    }

    /** Tasks of the handshake era (2025-11-25). */
    Tasks tasks() {
        return tasks;
    }

    /** Tasks of the stateless era's tasks extension: kept apart, since neither era can see the other's. */
    Tasks modernTasks() {
        return modernTasks;
    }

    Listens listens() {
        return listens;
    }

    CallTable calls() {
        return calls;
    }

    Codec codec() {
        return codec;
    }

    @Override
    public Notifier notifier() {
        return notifier;
    }

    public ClientChannel client() {
        return outgoing;
    }

    public State state() {
        return state;
    }

    boolean ready() {
        return state == State.READY;
    }

    /** The negotiated version, or the latest before {@code initialize}. */
    @Override
    public ProtocolVersion version() {
        ProtocolVersion v = version;
        return v == null ? ProtocolVersion.LATEST : v;
    }

    @Override
    public Implementation clientInfo() {
        return clientInfo;
    }

    @Override
    public ObjectNode clientCapabilities() {
        return clientCapabilities;
    }

    /** The client's roots from the last roots/list, or null if never fetched. */
    @Override
    public JsonNode roots() {
        return roots.current();
    }

    @Override
    public Set<String> subscriptions() {
        return subscriptions;
    }

    /** Requests in flight now, by id. */
    @Override
    public int inFlight() {
        return calls.size();
    }

    void subscribe(String uri) {
        if (!server.resources().exists(uri)) {
            throw Resources.notFound(uri);
        }
        server.subscribe(subscriptions, uri);
    }

    void unsubscribe(String uri) {
        server.unsubscribe(subscriptions, uri);
    }

    /** A list changed: the handshake client hears of it once initialized, listen streams that asked for it at once. */
    void listChanged(ListKind kind) {
        notifier.listChanged(kind);
        listens.listChanged(kind);
    }

    /** A resource changed: the handshake client hears of it if subscribed, and so does every listen stream following it. */
    void resourceUpdated(String uri) {
        if (subscriptions.contains(uri)) {
            notifier.resourceUpdated(uri);
        }
        listens.resourceUpdated(uri);
    }
}
