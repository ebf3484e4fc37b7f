package dev.herald.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.event.EventId;
import java.text.BreakIterator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an event into Claude Code's channel notification: {@code content} (the title on its own
 * line, then the body, cut to a limit at a grapheme boundary with a last line saying how to read
 * the rest) and {@code meta} (string values only, keys Claude Code accepts, never {@code source}).
 * Stateless apart from its limit; safe on any thread.
 */
public final class ChannelFormat {
    public static final int DEFAULT_MAX_CHARS = 1200;
    static final int MAX_META_VALUE = 200;
    static final int MAX_META_KEYS = 40;
    private static final Pattern KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> OWN = Set.of("event_id", "topic", "priority", "sender", "time", "chat_id", "title");

    private final int maxChars;

    public ChannelFormat(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The {@code notifications/claude/channel} params for {@code e}. */
    public Map<String, Object> params(Event e) {
        return Map.of("content", content(e), "meta", meta(e));
    }

    /**
     * The params for a text of Herald's own about something (a chat room happening): content cut
     * like an event's, with a last line naming {@code whole}, where the rest can be read; meta
     * values cleaned and shortened like an event's.
     */
    public Map<String, Object> params(String text, Map<String, String> meta, String whole) {
        Map<String, String> cleaned = new LinkedHashMap<>();
        meta.forEach((k, v) -> cleaned.put(k, value(v)));
        return Map.of("content", content(text, "read the whole message in " + whole), "meta", cleaned);
    }

    String content(Event e) {
        return content((e.title() == null ? "" : e.title() + "\n") + e.body(), "read the whole event with read_events(since: \""
                + EventId.format(e.id() - 1) + "\") or the resource herald://events/" + e.idText());
    }

    private String content(String raw, String rest) {
        String text = clean(raw, true);
        int length = text.codePointCount(0, text.length());
        if (length <= maxChars) {
            return text;
        }
        int keep = Math.max(1, maxChars - note(rest, length, length).length()); // the kept count has at most as many digits
        String head = cut(text, keep);
        return head + note(rest, head.codePointCount(0, head.length()), length);
    }

    private static String note(String rest, int kept, int length) {
        return "\n[cut at " + kept + " of " + length + " characters: " + rest + "]";
    }

    Map<String, String> meta(Event e) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("event_id", e.idText());
        meta.put("topic", value(e.topic()));
        meta.put("priority", e.priority().wire());
        meta.put("sender", value(e.sender()));
        meta.put("time", e.time().toString());
        if (e.chat()) {
            meta.put("chat_id", e.idText());
        }
        if (e.data() != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.data().fields(); it.hasNext() && meta.size() < MAX_META_KEYS; ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode v = field.getValue();
                if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                    continue;
                }
                String key = key(field.getKey());
                if (key != null) {
                    meta.putIfAbsent(OWN.contains(key) ? "data_" + key : key, value(v.asText()));
                }
            }
        }
        return meta;
    }

    /** A key Claude Code keeps: other characters become {@code _}, a leading digit gets {@code _}, {@code source} is renamed. */
    static String key(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        StringBuilder k = new StringBuilder(raw.length() + 1);
        raw.codePoints().forEach(c -> k.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? (char) c : '_'));
        if (Character.isDigit(k.charAt(0))) {
            k.insert(0, '_');
        }
        String key = k.toString();
        if (key.equals("source")) {
            key = "data_source"; // Claude Code sets source itself; a second one would be confusing at best
        }
        return KEY.matcher(key).matches() ? key : null;
    }

    static String value(String raw) {
        String v = clean(raw, false);
        return v.codePointCount(0, v.length()) > MAX_META_VALUE ? cut(v, MAX_META_VALUE) : v;
    }

    /** Removes control characters (keeping new lines and tabs in content) and lone surrogates. */
    static String clean(String s, boolean content) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean control = Character.getType(c) == Character.CONTROL && !(content && (c == '\n' || c == '\t'));
            if (!control && !(Character.isSurrogate((char) c) && c < 0x10000)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** The first {@code max} code points of {@code s}, shortened to the last grapheme boundary (never inside a pair or a combining sequence). */
    static String cut(String s, int max) {
        int end = s.offsetByCodePoints(0, Math.min(max, s.codePointCount(0, s.length())));
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(s);
        if (!graphemes.isBoundary(end)) {
            end = graphemes.preceding(end);
        }
        return s.substring(0, Math.max(0, end));
    }
}
