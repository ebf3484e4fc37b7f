package dev.herald.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.feature.ExtensionMethod;
import dev.herald.hub.HubException;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.route.Mailbox;
import dev.herald.server.Server;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code events/list}, {@code events/poll} and {@code events/stream} over this session's inbox in
 * the hub. A cursor is the id of the last journal position looked at, so a client that comes back
 * with it (after a restart of the session or the hub) gets no duplicate and no gap while the
 * events are retained; a cursor past retention, or from a journal that was wiped, gets
 * {@code truncated: true} and a fresh cursor. Handlers run on their requests' virtual threads.
 */
public final class EventsExtension {
    public static final String ID = "io.modelcontextprotocol/events";
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    static final long NEXT_POLL_MS = 2000;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final int DEFAULT_MAX_EVENTS = 100;
    private static final Duration HUB_TIMEOUT = Duration.ofSeconds(10);

    private final Mailbox mailbox;

    private EventsExtension(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    public static void install(Server server, Mailbox mailbox) {
        EventsExtension ext = new EventsExtension(mailbox);
        server.addExtension(ID, Json.object(), Map.of(
                "events/list", (request, params) -> ext.list(),
                "events/poll", ext::poll,
                "events/stream", new ExtensionMethod() {
                    @Override
                    public Object handle(Request request, ObjectNode params) throws Exception {
                        return ext.stream(request, params);
                    }

                    @Override
                    public boolean stream() {
                        return true;
                    }
                }));
    }

    private Map<String, Object> list() throws InterruptedException {
        TreeSet<String> families = new TreeSet<>();
        hub(HubMethods.TOPICS, Map.of()).path("families").forEach(f -> families.add(f.asText()));
        families.add("general");
        return Map.of("events", EventTypes.describe(families));
    }

    /** Where a subscription starts: after which id, and whether events were skipped to get there. */
    private record Start(long after, boolean truncated) {}

    private Start start(ObjectNode params) throws InterruptedException {
        JsonNode cursor = params.get("cursor");
        JsonNode probe = page(Long.MAX_VALUE, 1);
        long head = EventId.parse(probe.path("head").asText());
        long removed = EventId.parse(probe.path("removedUpTo").asText());
        if (cursor == null || cursor.isNull()) {
            return new Start(head, false); // from now
        }
        long after = cursor.isTextual() ? EventId.parse(cursor.textValue()) : -1;
        if (after < 0) {
            throw RpcException.invalidParams("Invalid cursor: not one Herald issued");
        }
        boolean truncated = false;
        if (after > head) { // a cursor from a journal that was wiped or replaced
            return new Start(head, true);
        }
        if (after < removed) {
            truncated = true; // some events after it are past retention
        }
        JsonNode maxAge = params.get("maxAgeMs");
        if (maxAge != null && maxAge.canConvertToLong() && maxAge.asLong() >= 0) {
            long floor = EventId.floor(Instant.now().minusMillis(maxAge.asLong())) - 1;
            if (floor > after) {
                after = floor;
                truncated = true;
            }
        }
        return new Start(after, truncated);
    }

    private Map<String, Object> poll(ExtensionMethod.Request request, ObjectNode params) throws InterruptedException {
        String name = params.path("name").textValue();
        Predicate<Event> wanted = EventTypes.subscription(name, params.get("arguments"));
        int max = (int) Math.clamp(params.path("maxEvents").asLong(DEFAULT_MAX_EVENTS), 1, 1000);
        Start start = start(params);
        Map<String, Object> result = new LinkedHashMap<>();
        List<Object> occurrences = new ArrayList<>();
        long position = start.after();
        boolean more = false;
        if (params.hasNonNull("cursor")) { // a null cursor means from now: nothing yet, only a cursor
            JsonNode page = page(start.after(), max);
            for (JsonNode n : page.path("events")) {
                Event e = Event.fromJson(n);
                position = e.id();
                if (wanted.test(e)) {
                    occurrences.add(EventTypes.occurrence(name, e));
                }
            }
            more = page.path("hasMore").asBoolean();
            if (!more) {
                position = Math.max(position, EventId.parse(page.path("head").asText()));
            }
        }
        result.put("events", occurrences);
        result.put("cursor", EventId.format(position));
        result.put("truncated", start.truncated());
        result.put("hasMore", more);
        result.put("nextPollMs", NEXT_POLL_MS);
        return result;
    }

    /** Sends {@code active}, then every matching event as it arrives, with a heartbeat when idle; ends when cancelled. */
    private Object stream(ExtensionMethod.Request request, ObjectNode params) throws InterruptedException {
        String name = params.path("name").textValue();
        Predicate<Event> wanted = EventTypes.subscription(name, params.get("arguments"));
        Start start = start(params);
        Map<String, Object> meta = Map.of(SUBSCRIPTION_ID, request.id());
        long position = start.after();
        if (!request.notify("notifications/events/active", Map.of("cursor", EventId.format(position), "truncated", start.truncated(),
                "_meta", meta))) {
            throw new InterruptedException();
        }
        while (true) {
            JsonNode page = page(position, 200);
            for (JsonNode n : page.path("events")) {
                Event e = Event.fromJson(n);
                position = e.id();
                if (wanted.test(e)) {
                    Map<String, Object> occurrence = new LinkedHashMap<>(EventTypes.occurrence(name, e));
                    occurrence.put("cursor", e.idText());
                    occurrence.put("_meta", meta);
                    if (!request.notify("notifications/events/event", occurrence)) {
                        throw new InterruptedException(); // cancelled: nothing more for it
                    }
                }
            }
            if (page.path("hasMore").asBoolean()) {
                continue;
            }
            position = Math.max(position, EventId.parse(page.path("head").asText()));
            if (!mailbox.awaitNewer(position, HEARTBEAT)) {
                if (!request.notify("notifications/events/heartbeat", Map.of("cursor", EventId.format(position), "_meta", meta))) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** Up to {@code limit} retained events for this inbox after {@code after}, with the journal's first and head. */
    private JsonNode page(long after, int limit) throws InterruptedException {
        ObjectNode p = Json.object();
        p.put("since", after == Long.MAX_VALUE ? EventId.format(Long.MAX_VALUE) : EventId.format(after));
        p.put("inbox", mailbox.inbox());
        p.put("limit", limit);
        return hub(HubMethods.EVENTS, p);
    }

    private JsonNode hub(String method, Object params) throws InterruptedException {
        try {
            return mailbox.ask(method, params, HUB_TIMEOUT);
        } catch (HubException e) {
            throw new RpcException(e.code() == -32602 ? ErrorCode.INVALID_PARAMS : ErrorCode.INTERNAL_ERROR, "The hub refused: " + e.getMessage());
        }
    }
}
