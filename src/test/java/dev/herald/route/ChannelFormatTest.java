package dev.herald.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.event.Priority;
import dev.herald.jsonrpc.Json;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The channel notification's content and meta: keys Claude Code keeps, values cleaned, content cut only between graphemes. */
class ChannelFormatTest {
    private static final Pattern KEY = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private static Event event(String title, String body, ObjectNode data, boolean chat) {
        return new Event(0x01a242bdaa620000L, "ci", Priority.HIGH, title, body, data, "cli:me", Instant.parse("2026-12-04T20:00:00Z"),
                null, List.of(), null, chat, null);
    }

    @Test
    void metaKeysAreRewrittenToWhatClaudeCodeKeepsAndSourceIsNeverSent() {
        ObjectNode data = Json.object().put("run-id", 1234).put("9lives", "x").put("source", "forged").put("ok", true)
                .put("", "empty").put("topic", "mine").put("ünï", "u").put("ctl", "a\u0007b\u001bc\u0085d");
        data.putObject("nested").put("a", 1);
        Map<String, String> meta = new ChannelFormat(1200).meta(event("T", "b", data, true));
        meta.keySet().forEach(k -> assertTrue(KEY.matcher(k).matches(), k));
        assertFalse(meta.containsKey("source"));
        assertEquals("1234", meta.get("run_id"));
        assertEquals("x", meta.get("_9lives"));
        assertEquals("forged", meta.get("data_source"));
        assertEquals("true", meta.get("ok"));
        assertEquals("ci", meta.get("topic"), "the event's own fields win");
        assertEquals("mine", meta.get("data_topic"));
        assertEquals("abcd", meta.get("ctl"), "control characters are dropped");
        assertEquals("u", meta.get("_n_"), "non-ASCII letters become _");
        assertFalse(meta.containsKey("nested"));
        assertEquals("01a242bdaa620000", meta.get("chat_id"));
        assertEquals("high", meta.get("priority"));
    }

    @Test
    void aLongValueIsCappedAtTwoHundredCharacters() {
        String value = ChannelFormat.value("é".repeat(500));
        assertEquals(200, value.codePointCount(0, value.length()));
    }

    @Test
    void contentIsCutBetweenGraphemesNeverInsideAPairOrACombiningSequenceAndSaysHowToReadTheRest() {
        String unit = "a\uD83D\uDE00e\u0301\uD83D\uDC69\u200D\uD83D\uDCBB"; // a, 😀, é as e + combining accent, 👩‍💻
        String body = unit.repeat(400);
        for (int max = 200; max < 260; max++) {
            String content = new ChannelFormat(max).content(event(null, body, null, false));
            assertTrue(content.codePointCount(0, content.length()) <= max, "within the limit at " + max);
            int note = content.lastIndexOf("\n[cut at ");
            assertTrue(note > 0, content);
            String head = content.substring(0, note);
            BreakIterator graphemes = BreakIterator.getCharacterInstance();
            graphemes.setText(body);
            assertTrue(graphemes.isBoundary(head.length()), "cut at a grapheme boundary at " + max);
            assertTrue(body.startsWith(head));
            assertTrue(content.endsWith("or the resource herald://events/01a242bdaa620000]"), content);
            assertTrue(content.contains("read_events(since: \"01a242bdaa61ffff\")"), content);
        }
    }

    @Test
    void theTitleIsTheFirstLineAndShortContentIsWhole() {
        assertEquals("Build\nfailed on main", new ChannelFormat(1200).content(event("Build", "failed on main", null, false)));
        assertEquals("tab\tand\nnew line kept, bell gone", new ChannelFormat(1200).content(event(null, "tab\tand\nnew line kept, bell\u0007 gone", null, false)));
    }
}
