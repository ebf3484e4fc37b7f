package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.ClientChannel;
import dev.herald.feature.ClientRequestException;
import dev.herald.feature.ClientRequestException.Reason;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Id;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.Message;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.Methods;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests from the server to the client, correlated by Herald's own ids. Callers block on their
 * own virtual thread; the reader thread completes them. A request is sent only if the client
 * declared the capability it needs; a timeout or an interrupt withdraws it with
 * {@code notifications/cancelled}, and a late answer is ignored.
 */
final class Outgoing implements ClientChannel {
    private static final Logger log = LoggerFactory.getLogger(Outgoing.class);
    private static final Map<String, String> CAPABILITY = Map.of(
            Methods.ROOTS_LIST, "roots",
            Methods.SAMPLING_CREATE_MESSAGE, "sampling",
            Methods.ELICITATION_CREATE, "elicitation");
    private static final Message.Response CLOSED = Message.Failure.of(new Id.Num(0), ErrorCode.INTERNAL_ERROR, "closed");

    private final Session session;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Id, CompletableFuture<Message.Response>> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Outgoing(Session session) {
        this.session = session;
    }

    @Override
    public Implementation info() {
        return session.clientInfo();
    }

    @Override
    public JsonNode capabilities() {
        return session.clientCapabilities();
    }

    @Override
    public JsonNode request(String method, Object params, Duration timeout) throws ClientRequestException, InterruptedException {
        Sent sent = send(method, params);
        Message.Response response;
        try {
            response = sent.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            withdraw(sent.id(), "Timed out after " + timeout.toMillis() + " ms");
            throw new ClientRequestException(Reason.TIMEOUT, null, "The client did not answer within " + seconds(timeout));
        } catch (InterruptedException e) {
            withdraw(sent.id(), "The originating request was cancelled");
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return result(response);
    }

    /**
     * Sends a request without waiting for it. {@code onResult} gets the result on the thread that
     * reads the client's answer, so before the next input message is handled; a failure is logged
     * instead. {@code after} runs last either way.
     */
    void requestThen(String method, Object params, Duration timeout, Consumer<JsonNode> onResult, Runnable after) {
        Sent sent;
        try {
            sent = send(method, params);
        } catch (ClientRequestException e) {
            log.info("Could not send {}: {}", method, e.getMessage());
            after.run();
            return;
        }
        sent.answer().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    withdraw(sent.id(), "Timed out after " + timeout.toMillis() + " ms");
                    log.info("The client did not answer {} within {}", method, seconds(timeout));
                } else {
                    onResult.accept(result(response));
                }
            } catch (ClientRequestException e) {
                log.info("{} failed: {}", method, e.getMessage());
            } finally {
                after.run();
            }
        });
    }

    private record Sent(Id id, CompletableFuture<Message.Response> answer) {}

    /** Checks that the request may go, registers it and sends it. */
    private Sent send(String method, Object params) throws ClientRequestException {
        String refusal = refusal(method, params);
        if (refusal != null) {
            throw new ClientRequestException(Reason.UNSUPPORTED, null, refusal);
        }
        Id id = new Id.Num(nextId.getAndIncrement());
        CompletableFuture<Message.Response> answer = new CompletableFuture<>();
        pending.put(id, answer);
        if (closed) {
            pending.remove(id);
            throw new ClientRequestException(Reason.CLOSED, null, "The connection is closing");
        }
        ObjectNode tree = params == null ? null : session.codec().mapper().valueToTree(params);
        session.send(new Message.Request(id, method, tree));
        return new Sent(id, answer);
    }

    private static JsonNode result(Message.Response response) throws ClientRequestException {
        if (response == CLOSED) {
            throw new ClientRequestException(Reason.CLOSED, null, "The connection closed before the client answered");
        }
        return switch (response) {
            case Message.Success s -> s.resultNode() == null ? Json.object() : s.resultNode();
            case Message.Failure f -> throw new ClientRequestException(Reason.CLIENT_ERROR, f.error().code(), f.error().message());
        };
    }

    /**
     * Why this request may not go to this client, or null if it may: the client must have
     * finished initializing, declared the capability, negotiated a version that has it, and, for
     * elicitation, accept the mode (an empty {@code elicitation} object means form only).
     */
    String refusal(String method, Object params) {
        if (session.state() == Session.State.CLOSED) {
            return "the session is closing.";
        }
        if (!session.ready() && !Methods.PING.equals(method)) {
            return "the client has not sent notifications/initialized yet.";
        }
        String capability = CAPABILITY.get(method);
        if (capability == null) {
            return null;
        }
        if (!supports(capability)) {
            return "the client did not declare the " + capability + " capability.";
        }
        if (method.equals(Methods.ELICITATION_CREATE)) {
            if (!session.version().since20250618()) {
                return "protocol version " + session.version() + " has no elicitation (it came in 2025-06-18).";
            }
            JsonNode modes = capabilities().get(capability);
            String mode = session.codec().mapper().valueToTree(params).path("mode").asText("form");
            if (!(modes.isEmpty() && mode.equals("form")) && !modes.has(mode)) {
                return "the client does not accept " + mode + "-mode elicitation.";
            }
        }
        return null;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private void withdraw(Id id, String reason) {
        if (pending.remove(id) != null) {
            session.notifier().send(Methods.NOTIFICATIONS_CANCELLED, Map.of("requestId", ((Id.Num) id).value(), "reason", reason));
        }
    }

    /** An answer from the client; one that matches nothing pending is ignored. */
    void complete(Message.Response response) {
        CompletableFuture<Message.Response> answer = response.id() == null ? null : pending.remove(response.id());
        if (answer == null) {
            log.debug("Ignored a response to unknown or withdrawn request {}", response.id());
            return;
        }
        answer.complete(response);
    }

    /** Fails every pending request: the session is closing. */
    void close() {
        closed = true;
        pending.values().forEach(f -> f.complete(CLOSED));
        pending.clear();
    }
}
