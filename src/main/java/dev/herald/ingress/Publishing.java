package dev.herald.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.herald.event.Draft;
import dev.herald.event.EventId;
import dev.herald.event.InvalidEventException;
import dev.herald.hub.Hub;
import dev.herald.hub.Publisher;
import dev.herald.jsonrpc.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The publishing endpoints: {@code POST /v1/events} and {@code POST|PUT /<topic>} (bearer token,
 * sender {@code http:token}) and {@code POST /v1/sources/<name>} (signed, sender
 * {@code webhook:<name>}). Each answers once the event is durable. Runs on the request's virtual thread.
 */
final class Publishing {
    static final String TOKEN_SENDER = "http:token";
    private static final ObjectMapper JSON = Json.mapper(IngressSettings.DEFAULT.maxBodyBytes());

    private final Hub hub;
    private final Gate gate;
    private final Sources sources;
    private final IngressSettings settings;
    private final Supplier<Instant> clock;

    Publishing(Hub hub, Gate gate, Sources sources, IngressSettings settings, Supplier<Instant> clock) {
        this.hub = hub;
        this.gate = gate;
        this.sources = sources;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code POST /v1/events}: a Herald event as JSON; 202 {@code {"id"}}. */
    void event(HttpExchange x) throws Refusal, IOException {
        gate.bearer(x);
        if (Http.media(x) != Http.Media.JSON) {
            throw Http.unsupported("application/json");
        }
        JsonNode node = parse(Body.read(x, settings.maxBodyBytes(), settings.bodyDeadline()));
        Draft draft;
        try {
            draft = Draft.fromJson(node);
        } catch (InvalidEventException e) {
            throw Refusal.of(Failure.BAD_REQUEST, "invalid event: " + e.getMessage());
        }
        Http.json(x, 202, Map.of("id", store(TOKEN_SENDER, draft)));
    }

    /** {@code POST|PUT /<topic>} in ntfy's style; 200 with ntfy's answer fields (its own client takes nothing else as success). */
    void topic(HttpExchange x, String topic) throws Refusal, IOException {
        gate.bearer(x);
        Http.Media media = Http.media(x);
        if (media == Http.Media.OTHER) {
            throw Http.unsupported("text/plain, or application/json for a JSON payload");
        }
        Ntfy.Meta meta = Ntfy.meta(x, Http.query(x));
        byte[] bytes = Body.read(x, settings.maxBodyBytes(), settings.bodyDeadline());
        String text;
        ObjectNode data = null;
        if (media == Http.Media.JSON) {
            ObjectNode payload = payload(bytes);
            data = Json.object();
            data.set("payload", payload);
            text = Summary.of(null, payload, null);
        } else {
            text = Http.utf8(bytes);
            text = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (text.getBytes(StandardCharsets.UTF_8).length > Draft.MAX_BODY_BYTES) {
                throw Refusal.of(Failure.TOO_LARGE, "the message is over " + Draft.MAX_BODY_BYTES / 1024 + " KiB");
            }
        }
        Draft draft = draft(topic, meta, text, Ntfy.data(meta, data), null);
        String id = store(TOKEN_SENDER, draft);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("time", EventId.time(EventId.parse(id)).getEpochSecond());
        answer.put("event", "message");
        answer.put("topic", draft.topic());
        answer.put("message", draft.body());
        Http.json(x, 200, answer);
    }

    /** {@code POST /v1/sources/<name>}: headers checked before the body is read, the signature over it after; 202 {@code {"id"}}. */
    void source(HttpExchange x, String name) throws Refusal, IOException {
        Source source = sources.find(name);
        if (source == null) {
            throw Refusal.unauthorized(); // an unknown name looks like a bad signature: names cannot be probed
        }
        Source.Delivery delivery = source.delivery(x.getRequestHeaders(), clock.get(), settings.tolerance());
        if (Http.media(x) != Http.Media.JSON) {
            throw Http.unsupported("application/json (for GitHub: Content type application/json)");
        }
        byte[] bytes = Body.read(x, settings.maxBodyBytes(), settings.bodyDeadline());
        if (!source.signed(delivery, bytes)) {
            throw Refusal.unauthorized();
        }
        ObjectNode payload = payload(bytes);
        ObjectNode data = Json.object();
        data.put("source", name);
        switch (source) {
            case Source.GitHub g -> {
                data.put("githubEvent", delivery.event());
                data.put("githubDelivery", delivery.id());
            }
            case Source.Standard s -> data.put("webhookId", delivery.id());
        }
        data.set("payload", payload);
        // The delivery id, scoped by source: another publisher cannot claim a key before the real delivery comes.
        Draft draft = draft(source.topic(), new Ntfy.Meta(null, source.priority(), null),
                Summary.of(delivery.event(), payload, name), data, name + ":" + delivery.id());
        Http.json(x, 202, Map.of("id", store("webhook:" + name, draft)));
    }

    private static Draft draft(String topic, Ntfy.Meta meta, String body, ObjectNode data, String dedupKey) throws Refusal {
        if (data != null && data.toString().getBytes(StandardCharsets.UTF_8).length > Draft.MAX_DATA_BYTES) {
            throw Refusal.of(Failure.TOO_LARGE, "the JSON payload is over " + Draft.MAX_DATA_BYTES / 1024 + " KiB, the most an event's data holds");
        }
        try {
            return Draft.of(topic, meta.priority(), meta.title(), body, data, List.of(), dedupKey);
        } catch (InvalidEventException e) {
            throw Refusal.of(Failure.BAD_REQUEST, e.getMessage());
        }
    }

    private static JsonNode parse(byte[] bytes) throws Refusal {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw Refusal.of(Failure.BAD_REQUEST, "the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw Refusal.of(Failure.BAD_REQUEST, "the body is not valid JSON");
        }
    }

    private static ObjectNode payload(byte[] bytes) throws Refusal {
        if (!(parse(bytes) instanceof ObjectNode o)) {
            throw Refusal.of(Failure.BAD_REQUEST, "a JSON payload must be an object");
        }
        return o;
    }

    /** Through the hub's publisher: its rate limit and dedup, then the wait until the event is on disk; the stored event's id. */
    private String store(String sender, Draft draft) throws Refusal {
        CompletableFuture<Publisher.Outcome> stored;
        try {
            stored = hub.publish(sender, draft, null);
        } catch (Publisher.RateLimitedException e) {
            long ms = e.retryAfterMs();
            throw new Refusal(Failure.RATE_LIMITED, e.getMessage(), Map.of("Retry-After", Long.toString(Math.max(1, (ms + 999) / 1000))),
                    Map.of("retryAfterMs", ms));
        } catch (dev.herald.event.InvalidEventException e) {
            throw Refusal.of(Failure.BAD_REQUEST, e.getMessage()); // a reply to a chat that is not open
        } catch (dev.herald.journal.JournalException e) {
            throw Refusal.of(Failure.NOT_STORED, "not stored: " + e.getMessage());
        }
        try {
            return stored.get(30, TimeUnit.SECONDS).idText();
        } catch (ExecutionException e) {
            throw Refusal.of(Failure.NOT_STORED, "not stored: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw Refusal.of(Failure.NOT_STORED, "not acknowledged by the journal within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Refusal.of(Failure.NOT_STORED, "the listener is stopping");
        }
    }
}
