package dev.herald.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.EventId;
import dev.herald.jsonrpc.Surrogates;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The input rules of room operations, each broken one refused with its own {@link RoomError}. Stateless. */
final class Checks {
    /** The id prefix of rooms the queue makes; join_room refuses it. */
    static final String PAIR = "pair-";
    static final int MAX_NAME = 64;
    static final int MAX_MESSAGE_BYTES = 16 * 1024;
    static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");

    private Checks() {
        throw new AssertionError();
    }

    /** {@code room}: 1 to 48 letters, digits or {@code . _ -}, and not 16 hex digits (reply reads those as event chat ids). */
    static String room(JsonNode p) {
        String id = p.path("room").asText("");
        if (!ROOM_ID.matcher(id).matches()) {
            throw RoomError.BAD_ROOM_ID.exception("room_id must be 1 to 48 letters, digits or . _ -, starting with a letter or digit, not "
                    + quote(id));
        }
        if (EventId.parse(id) >= 0) {
            throw RoomError.BAD_ROOM_ID.exception("room_id " + id + " is 16 hex digits, which reads as an event's chat id: choose another");
        }
        return id;
    }

    /** A room id join_room may name: not one of the queue's pair rooms. */
    static String namedRoom(JsonNode p) {
        String id = room(p);
        if (id.startsWith(PAIR)) {
            throw RoomError.PRIVATE_ROOM.exception("Room " + id + " is a private pair room made by enter_queue (ids starting "
                    + PAIR + " are the queue's)");
        }
        return id;
    }

    /** {@code name}, without control characters and surrounding space: 1 to 64 characters. */
    static String name(JsonNode p) {
        String name = p.path("name").asText("").replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            throw RoomError.EMPTY_NAME.exception("display_name is empty: give a name of 1 to " + MAX_NAME + " characters");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME || Surrogates.lone(name)) {
            throw RoomError.BAD_NAME.exception("display_name must be 1 to " + MAX_NAME + " characters of valid Unicode");
        }
        return name;
    }

    /** {@code message}: not blank, at most 16 KiB as UTF-8. */
    static String message(JsonNode p) {
        String text = p.path("message").asText("");
        if (text.isBlank()) {
            throw RoomError.EMPTY_MESSAGE.exception("message is empty");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw RoomError.MESSAGE_TOO_LARGE.exception("message is " + bytes + " bytes; the limit is " + MAX_MESSAGE_BYTES + " (16 KiB)");
        }
        return text;
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "\"";
    }
}
