package dev.herald.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Draft;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import dev.herald.event.InvalidEventException;
import dev.herald.event.Priority;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ResourceEntry;
import dev.herald.feature.TemplateEntry;
import dev.herald.feature.ToolEntry;
import dev.herald.feature.ToolException;
import dev.herald.feature.ToolHandler;
import dev.herald.hub.Filter;
import dev.herald.hub.HubException;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Resource;
import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.ResourceTemplate;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.route.Mailbox;
import dev.herald.server.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The hub's tools and resources: read_events, wait_for_event, subscribe_events,
 * unsubscribe_events, list_sessions, and publishing for send_notification; herald://inbox,
 * herald://events/{id}, herald://sessions. Handlers run on request threads and talk to the hub
 * through the session's {@link Mailbox}; with the hub off they answer an error result.
 */
final class EventTools {
    static final String INBOX = "herald://inbox";
    static final String SESSIONS = "herald://sessions";
    static final String EVENTS = "herald://events/";
    static final Duration HUB_TIMEOUT = Duration.ofSeconds(10);
    static final long MAX_WAIT_S = 300;

    private final Mailbox mailbox;

    EventTools(Mailbox mailbox) {
        this.mailbox = mailbox;
    }

    /** Registers the tools and resources, after the rest of the catalogue. */
    void install(Server server) {
        EventTools t = this;
        t.tool(server, "read_events", "Read events",
                "Returns this session's unread events from the hub (oldest first) and marks them read. With since (an event id), "
                        + "reads the journal after that id instead, also events older than what was pushed.",
                Schema.object().string("topic", "Only events of this topic (a trailing * matches a prefix)", 64, false)
                        .string("since", "An event id: read the journal after it", 16, false)
                        .integer("limit", "Most events to return (1 to 100)", 1, 100, 20L).build(),
                ToolAnnotations.readOnly("Read events"), t::readEvents);
        t.tool(server, "wait_for_event", "Wait for an event",
                "Waits for this session's next event (or returns the oldest unread one at once) and marks it read: the way to "
                        + "receive events on a host that shows no notifications.",
                Schema.object().string("topic", "Only events of this topic (a trailing * matches a prefix)", 64, false)
                        .integer("timeout_s", "Seconds to wait (1 to 300)", 1, MAX_WAIT_S, 60L).build(),
                ToolAnnotations.readOnly("Wait for an event"), t::waitForEvent);
        t.tool(server, "subscribe_events", "Subscribe to events",
                "Chooses which hub events this session receives: these topics only (none: all), at or above min_priority. "
                        + "custom_methods: true sends chat room happenings as their own notifications (chatroom.found, "
                        + "message.received, partner.disconnected) instead of this session's usual route.",
                Schema.object().strings("topics", "Topic names (a trailing * matches a prefix)", 100)
                        .choice("min_priority", "Lowest priority to receive", "low", "low", "normal", "high", "urgent")
                        .option("custom_methods", "Chat room happenings as chatroom.found, message.received and partner.disconnected").build(),
                ToolAnnotations.additive("Subscribe to events"), t::subscribe);
        t.tool(server, "unsubscribe_events", "Receive every event",
                "Removes the filter set with subscribe_events: this session receives every event again.",
                Schema.object().build(), ToolAnnotations.additive("Receive every event"), t::unsubscribe);
        t.tool(server, "list_sessions", "List Herald sessions",
                "Lists the live Herald sessions on this machine: id, inbox, client, route, events delivered.",
                Schema.object().build(), ToolAnnotations.readOnly("List Herald sessions"), (ctx, args) -> {
                    JsonNode sessions = t.hub(HubMethods.SESSIONS, Map.of()).path("sessions");
                    return CallToolResult.structured(sessions.size() + " live session" + (sessions.size() == 1 ? "" : "s") + ": "
                            + JsonText.of(sessions), Map.of("sessions", sessions));
                });
        t.tool(server, "reply", "Reply",
                "Answers an event that carries a chat_id (a question from herald ask, a chat room): publishes your text to whoever "
                        + "is waiting on that chat. Only chat ids Herald issued and that are still open (24 hours) are accepted; "
                        + "a chat room's chat_id is its room id, and the text goes to the room as your message.",
                Schema.object().string("chat_id", "The chat_id from the event", 48, true)
                        .string("text", "Your answer", Draft.MAX_BODY_BYTES / 4, true).build(),
                ToolAnnotations.additive("Reply"), t::reply);
        var resources = server.resources().registry();
        resources.put(INBOX, new ResourceEntry(new Resource(INBOX, "inbox", "Inbox",
                "This session's unread hub events, newest last; subscribe to hear when it changes.", "application/json", null),
                uri -> ResourceContents.text(uri, "application/json", JsonText.of(Map.of("inbox", mailbox.inbox(),
                        "events", mailbox.unread()))), true));
        resources.put(SESSIONS, new ResourceEntry(new Resource(SESSIONS, "sessions", "Live sessions",
                "The live Herald sessions on this machine, as JSON.", "application/json", null),
                uri -> ResourceContents.text(uri, "application/json", JsonText.of(t.hubOrError(HubMethods.SESSIONS, Map.of()))), true));
        server.resources().templates().put(EVENTS + "{id}", new TemplateEntry(
                new ResourceTemplate(EVENTS + "{id}", "event", "Event", "One hub event, whole, by id.", "application/json"),
                (uri, vars) -> {
                    if (EventId.parse(vars.get("id")) < 0) {
                        return null;
                    }
                    JsonNode found = t.hubOrError(HubMethods.GET_EVENT, Map.of("id", vars.get("id")));
                    return ResourceContents.text(uri, "application/json", JsonText.of(found.path("event")));
                }, Map.of()));
    }

    private void tool(Server server, String name, String title, String description, ObjectNode schema, ToolAnnotations hints,
            ToolHandler handler) {
        server.tools().registry().put(name, new ToolEntry(new Tool(name, title, description, schema, null, hints), handler, true));
    }

    private CallToolResult readEvents(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        Predicate<Event> wanted = topic(args);
        int limit = args.get("limit").intValue();
        List<Event> events;
        if (args.hasNonNull("since")) {
            ObjectNode p = Json.object();
            p.put("since", args.get("since").textValue());
            p.put("topic", args.path("topic").textValue());
            p.put("inbox", mailbox.inbox());
            p.put("limit", limit);
            JsonNode page = hub(HubMethods.EVENTS, p);
            events = new ArrayList<>();
            page.path("events").forEach(n -> events.add(Event.fromJson(n)));
            mailbox.markRead(events);
        } else {
            events = mailbox.take(wanted, limit);
        }
        ArrayNode list = Json.object().arrayNode();
        events.forEach(e -> list.add(e.toJson()));
        String text = events.isEmpty() ? "No unread events." : events.size() + " event" + (events.size() == 1 ? "" : "s") + ": " + list;
        return CallToolResult.structured(text, Map.of("events", list, "unread", mailbox.unread().size()));
    }

    private CallToolResult waitForEvent(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        if (mailbox.hub() == null) {
            throw new ToolException("The hub is off in this session (--no-hub, or HERALD_HOME unusable): no events can arrive.");
        }
        long seconds = args.get("timeout_s").longValue();
        Event e = mailbox.await(topic(args), Duration.ofSeconds(seconds));
        if (e == null) {
            return CallToolResult.structured("No event within " + seconds + " s.", Map.of("timedOut", true));
        }
        return CallToolResult.structured("Event " + e.idText() + ": " + e.toJson(), Map.of("timedOut", false, "event", e.toJson()));
    }

    private CallToolResult subscribe(RequestContext ctx, ObjectNode args) throws ToolException {
        ObjectNode filter = Json.object();
        ArrayNode topics = filter.putArray("topics");
        args.path("topics").forEach(topics::add);
        filter.put("minPriority", args.get("min_priority").textValue());
        requireHub();
        mailbox.filter(filter);
        Filter f = Filter.fromJson(filter);
        if (args.has("custom_methods")) {
            mailbox.chatMethods(args.get("custom_methods").booleanValue());
        }
        return CallToolResult.text("This session now receives " + (f.topics().isEmpty() ? "every topic" : "topics " + f.topics())
                + " at priority " + f.minPriority() + " and above" + (mailbox.chatMethods() ? "; chat room happenings as their own "
                + "notification methods." : "."));
    }

    private CallToolResult unsubscribe(RequestContext ctx, ObjectNode args) throws ToolException {
        requireHub();
        mailbox.filter(Json.object());
        return CallToolResult.text("This session receives every event again.");
    }

    /** send_notification with broadcast or to: publishes a durable event from this session. */
    CallToolResult publish(RequestContext ctx, ObjectNode args, Priority priority) throws ToolException, InterruptedException {
        List<String> to = new ArrayList<>();
        args.path("to").forEach(n -> to.add(n.textValue()));
        Draft draft;
        try {
            draft = Draft.of(args.path("topic").textValue(), priority, null, args.get("message").textValue(), null, to, null);
        } catch (InvalidEventException e) {
            throw new ToolException("Invalid event: " + e.getMessage());
        }
        ObjectNode p = Json.object();
        ObjectNode event = p.putObject("event");
        event.put("topic", draft.topic()).put("priority", draft.priority().wire()).put("body", draft.body());
        to.forEach(event.withArray("to")::add);
        p.put("nonce", UUID.randomUUID().toString());
        JsonNode stored = hub(HubMethods.PUBLISH, p);
        String where = to.isEmpty() ? "every session and inbox on this machine" : "inbox" + (to.size() == 1 ? " " : "es ") + String.join(", ", to);
        Map<String, Object> structured = new java.util.LinkedHashMap<>(); // send_notification's output schema, plus the event
        structured.put("sent", true);
        structured.put("level", priority.level().wire());
        structured.put("clientLevel", ctx.logLevel() == null ? "none" : ctx.logLevel().wire());
        structured.put("id", stored.path("id").asText());
        structured.put("to", to.isEmpty() ? List.of("*") : to);
        return CallToolResult.structured("Published event " + stored.path("id").asText() + " to " + where + "; it is durable.", structured);
    }

    private CallToolResult reply(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        String chat = args.get("chat_id").textValue();
        if (EventId.parse(chat) < 0) { // not an event's chat id: a chat room's (the hub refuses a room the caller is not in)
            JsonNode sent = hub(HubMethods.ROOM_SEND, Map.of("room", chat, "message", args.get("text").textValue(), "nonce",
                    UUID.randomUUID().toString()));
            return CallToolResult.structured("sent", Map.of("sent", true, "id", sent.path("message_id").asText(), "chat_id", chat,
                    "room_id", chat));
        }
        ObjectNode p = Json.object();
        p.putObject("event").put("topic", "reply").put("body", args.get("text").textValue()).put("replyTo", chat);
        p.put("nonce", UUID.randomUUID().toString());
        JsonNode stored = hub(HubMethods.PUBLISH, p);
        return CallToolResult.structured("sent", Map.of("sent", true, "id", stored.path("id").asText(), "chat_id", chat,
                "to", "chat." + chat));
    }

    private static Predicate<Event> topic(ObjectNode args) {
        String topic = args.path("topic").textValue();
        return e -> topic == null || (topic.endsWith("*") ? e.topic().startsWith(topic.substring(0, topic.length() - 1)) : e.topic().equals(topic));
    }

    private void requireHub() throws ToolException {
        if (mailbox.hub() == null) {
            throw new ToolException("The hub is off in this session (--no-hub, or HERALD_HOME unusable).");
        }
    }

    private JsonNode hub(String method, Object params) throws ToolException, InterruptedException {
        try {
            return mailbox.ask(method, params, HUB_TIMEOUT);
        } catch (HubException e) {
            throw new ToolException("The hub refused: " + e.getMessage());
        }
    }

    /** For resource readers, which cannot return an error result: a hub failure is an internal error with its reason. */
    private JsonNode hubOrError(String method, Object params) {
        try {
            return mailbox.ask(method, params, HUB_TIMEOUT);
        } catch (HubException e) {
            throw new RpcException(e.code() == -32602 ? ErrorCode.INVALID_PARAMS : ErrorCode.INTERNAL_ERROR, "The hub refused: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(ErrorCode.INTERNAL_ERROR, "Interrupted while asking the hub");
        }
    }
}
