package dev.herald.hub;

/**
 * The JSON-RPC methods of the hub socket. Client to hub: requests {@code hello} (first, once),
 * {@code attach}, {@code follow}, {@code filter}, {@code publish}, {@code awaitDelivery},
 * {@code sessions}, {@code events}, {@code event}, the {@code room.*} requests; notifications
 * {@code info} and {@code delivered}. A CLI connection may attach too: it then gets the room events
 * addressed to it. Hub to client: notifications {@code event} and {@code replay}.
 */
public final class HubMethods {
    private HubMethods() {
        throw new AssertionError();
    }

    /** {role: "session"|"cli", id, inbox?, pid, version} → {hub: {pid, version, since}}. */
    public static final String HELLO = "hello";
    /** A session starts receiving: {lastSeen?} → {pending, skipped}; then {@link #EVENT} notifications (a CLI: its room events only). */
    public static final String ATTACH = "attach";
    /** Every event after {since}, whoever it is for: {since?, topic?} → {}; then {@link #EVENT}. */
    public static final String FOLLOW = "follow";
    /** What a session wants: {topics?: [..], minPriority?} → {}. */
    public static final String FILTER = "filter";
    /** {event: draft, nonce} → {id, duplicate}; answered once the event is durable. */
    public static final String PUBLISH = "publish";
    /** {id, timeoutMs} → {deliveredTo: [{session, inbox}]}, empty when none had it in time. */
    public static final String AWAIT_DELIVERY = "awaitDelivery";
    /** {} → {sessions: [...]}. */
    public static final String SESSIONS = "sessions";
    /** {since?, topic?, inbox?, limit} → {events: [...], hasMore, first}. */
    public static final String EVENTS = "events";
    /** {} → {families: [...]}: the topic families seen in the last day. */
    public static final String TOPICS = "topics";
    /** {id} → {event}. */
    public static final String GET_EVENT = "event";
    /** A session relays a Claude Code permission prompt: {request_id, tool_name, description, input_preview} → {id}. */
    public static final String PERMISSION_REQUEST = "permissionRequest";
    /** The user's verdict: {request_id, behavior: allow|deny} → {session}. */
    public static final String VERDICT = "verdict";
    /** Notification to the session that asked: {request_id, behavior}. */
    public static final String PERMISSION = "permission";
    /** Notification: {client: {name, version}, route}. */
    public static final String INFO = "info";
    /** Notification: {id, written}: the session put the event on its client's output (written) or let it pass (filtered). */
    public static final String DELIVERED = "delivered";
    /** Notification to a client: {event}. */
    public static final String EVENT = "event";
    /** Notification to a session before a capped replay: {skipped, from, to}. */
    public static final String REPLAY = "replay";

    /** Chat rooms ({@code dev.herald.rooms}), for sessions and the CLI alike; the caller is the connection's hello id. */
    public static final String ROOM_PREFIX = "room.";
    /** {name, nonce} → {status: matched, room_id, partner} or {status: waiting, position}. */
    public static final String ROOM_QUEUE = "room.enterQueue";
    /** {room, name, nonce} → {room_id, created, members}. */
    public static final String ROOM_JOIN = "room.join";
    /** {room, message, nonce} → {room_id, message_id, timestamp}; answered once the message is durable. */
    public static final String ROOM_SEND = "room.send";
    /** {room, nonce} → {room_id, left}. */
    public static final String ROOM_LEAVE = "room.leave";
    /** {} → {rooms: [{room_id, kind, members}], waiting}. */
    public static final String ROOM_LIST = "room.list";
    /** {room, messages?} → {room_id, kind, members, messages}: members only. */
    public static final String ROOM_GET = "room.get";
}
