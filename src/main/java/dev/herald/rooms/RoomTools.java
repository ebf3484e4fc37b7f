package dev.herald.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.RequestContext;
import dev.herald.feature.TemplateEntry;
import dev.herald.feature.ToolEntry;
import dev.herald.feature.ToolException;
import dev.herald.feature.ToolHandler;
import dev.herald.hub.HubException;
import dev.herald.hub.HubMethods;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.ResourceTemplate;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.route.Mailbox;
import dev.herald.server.Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The room tools (enter_queue, join_room, send_message, leave_room, wait_for_message, list_rooms)
 * and the resource {@code herald://rooms/{room_id}}. Handlers run on request threads and ask the
 * hub through the session's {@link Mailbox}, which knows the caller by its connection: nobody can
 * act as another member. Every refusal is an error result with the hub's reason.
 */
final class RoomTools {
    static final String ROOMS = "herald://rooms/";
    static final Duration HUB_TIMEOUT = Duration.ofSeconds(10);
    private static final String ROOM_ID = "\"room_id\":{\"type\":\"string\",\"description\":\"The room's id\",\"minLength\":1,\"maxLength\":48}";
    private static final String NAME = "\"display_name\":{\"type\":\"string\",\"description\":\"The name the others see (1 to 64 characters)\","
            + "\"maxLength\":64}";

    private final Mailbox mailbox;
    private final Seat seat;

    RoomTools(Mailbox mailbox, Seat seat) {
        this.mailbox = mailbox;
        this.seat = seat;
    }

    void install(Server server) {
        tool(server, "enter_queue", "Enter the chat queue", "Waits to be matched with the next Herald session (or person) that "
                + "enters the queue on this machine: a room of two is made and both hear chatroom.found. Answers at once: matched "
                + "(room_id, partner) if a partner was waiting, else waiting (position).", "{" + NAME + "}", "display_name", false,
                this::enterQueue);
        tool(server, "join_room", "Join a chat room", "Joins the named room (made on first join; at most 50 members). The others "
                + "hear chatroom.found with you as partner; from now on you hear every message sent there.", "{" + ROOM_ID + "," + NAME
                + "}", "room_id\",\"display_name", false, this::join);
        tool(server, "send_message", "Send a chat message", "Sends a message (at most 16 KiB) to a room you are in: every other "
                + "member hears message.received. Returns its message_id. At most 10 messages a second, bursts of 30.",
                "{" + ROOM_ID + ",\"message\":{\"type\":\"string\",\"description\":\"Your message\"}}", "room_id\",\"message", false,
                this::send);
        tool(server, "leave_room", "Leave a chat room", "Leaves a room: the others hear partner.disconnected with reason left.",
                "{" + ROOM_ID + "}", "room_id", false, this::leave);
        tool(server, "wait_for_message", "Wait for a chat message", "Waits for what a room you are in has that this session was not "
                + "given yet (messages, and members arriving or leaving), or returns it at once: for hosts that show no notifications.",
                "{" + ROOM_ID + ",\"timeout_s\":{\"type\":\"integer\",\"description\":\"Seconds to wait (1 to 300)\",\"minimum\":1,"
                        + "\"maximum\":300,\"default\":60}}", "room_id", true, this::await);
        tool(server, "list_rooms", "List your chat rooms", "Lists the rooms this session is in, with their members, and whether it is "
                + "waiting in the queue.", "{}", null, true, (ctx, args) -> {
                    JsonNode mine = hub(HubMethods.ROOM_LIST, Map.of());
                    return CallToolResult.structured((mine.path("rooms").isEmpty() ? "In no room" : "In " + mine.path("rooms").size()
                            + " room(s): " + mine.path("rooms")) + (mine.path("waiting").asBoolean() ? "; waiting in the queue." : "."), mine);
                });
        server.resources().templates().put(ROOMS + "{room_id}", new TemplateEntry(new ResourceTemplate(ROOMS + "{room_id}", "room",
                "Chat room", "A chat room you are in: its members and its last 100 messages, as JSON.", "application/json"),
                (uri, vars) -> read(uri, vars.get("room_id")), Map.of()));
    }

    private void tool(Server server, String name, String title, String description, String properties, String required,
            boolean readOnly, ToolHandler handler) {
        ObjectNode schema = parse("{\"type\":\"object\",\"properties\":" + properties + (required == null ? "" : ",\"required\":[\""
                + required + "\"]") + ",\"additionalProperties\":false}");
        ToolAnnotations hints = readOnly ? ToolAnnotations.readOnly(title) : ToolAnnotations.additive(title);
        server.tools().registry().put(name, new ToolEntry(new Tool(name, title, description, schema, null, hints), handler, true));
    }

    private CallToolResult enterQueue(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        JsonNode r = hub(HubMethods.ROOM_QUEUE, Map.of("name", args.get("display_name").textValue(), "nonce", nonce()));
        if (r.path("status").asText().equals("matched")) {
            seat.entered(r.path("room_id").asText());
            return CallToolResult.structured("Matched with " + r.path("partner").path("display_name").asText() + " (user "
                    + r.path("partner").path("user_id").asText() + ") in room " + r.path("room_id").asText() + ".", r);
        }
        return CallToolResult.structured("Waiting for a partner (position " + r.path("position").asInt() + " in the queue); "
                + "chatroom.found arrives when one enters, and list_rooms shows the room.", r);
    }

    private CallToolResult join(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        String room = args.get("room_id").textValue();
        JsonNode r = hub(HubMethods.ROOM_JOIN, Map.of("room", room, "name", args.get("display_name").textValue(), "nonce", nonce()));
        seat.entered(room);
        List<String> names = new ArrayList<>();
        r.path("members").forEach(m -> names.add(m.path("display_name").asText()));
        return CallToolResult.structured("In room " + room + (r.path("created").asBoolean() ? " (made now)" : "") + "; members: "
                + String.join(", ", names) + ".", r);
    }

    private CallToolResult send(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        JsonNode r = hub(HubMethods.ROOM_SEND, Map.of("room", args.get("room_id").textValue(), "message",
                args.get("message").textValue(), "nonce", nonce()));
        return CallToolResult.structured("Sent message " + r.path("message_id").asText() + " to room " + r.path("room_id").asText() + ".", r);
    }

    private CallToolResult leave(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        JsonNode r = hub(HubMethods.ROOM_LEAVE, Map.of("room", args.get("room_id").textValue(), "nonce", nonce()));
        return CallToolResult.structured(r.path("left").asBoolean() ? "Left room " + r.path("room_id").asText() + "."
                : "Not in room " + r.path("room_id").asText() + ": nothing to leave.", r);
    }

    private CallToolResult await(RequestContext ctx, ObjectNode args) throws ToolException, InterruptedException {
        String room = args.get("room_id").textValue();
        long seconds = args.get("timeout_s").longValue();
        hub(HubMethods.ROOM_GET, Map.of("room", room, "messages", false)); // unknown room, or not a member: refused here
        List<Rooms.Happening> got = seat.await(room, Duration.ofSeconds(seconds));
        if (got.isEmpty() && seat.gone(room) != null) {
            throw new ToolException("You are no longer in room " + room + " (" + seat.gone(room) + ").");
        }
        List<Object> messages = new ArrayList<>();
        List<Object> notices = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Rooms.Happening h : got) {
            if (h.method().equals(Seat.MESSAGE)) {
                messages.add(h.params());
            } else {
                Map<String, Object> notice = new LinkedHashMap<>();
                notice.put("type", h.method());
                notice.putAll(h.params());
                notices.add(notice);
            }
            text.append(text.isEmpty() ? "" : "\n").append(h.text());
        }
        Map<String, Object> out = Map.of("room_id", room, "messages", messages, "notices", notices, "timedOut", got.isEmpty());
        return CallToolResult.structured(got.isEmpty() ? "Nothing new in room " + room + " within " + seconds + " s." : text.toString(), out);
    }

    private ResourceContents read(String uri, String room) {
        try {
            JsonNode r = hub(HubMethods.ROOM_GET, Map.of("room", room));
            return ResourceContents.text(uri, "application/json", Json.shared().writeValueAsString(r));
        } catch (ToolException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(ErrorCode.INTERNAL_ERROR, "Interrupted while asking the hub");
        }
    }

    private JsonNode hub(String method, Map<String, Object> params) throws ToolException, InterruptedException {
        if (mailbox.hub() == null) {
            throw new ToolException("The hub is off in this session (--no-hub, or HERALD_HOME unusable): chat rooms need it.");
        }
        try {
            return mailbox.ask(method, params, HUB_TIMEOUT);
        } catch (HubException e) {
            throw new ToolException(e.getMessage());
        }
    }

    private static String nonce() {
        return UUID.randomUUID().toString(); // one per call, the same on a resend: a message is stored once
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.shared().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
