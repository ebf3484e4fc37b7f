package dev.herald.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Wire forms: what each input decodes to, and the exact bytes each message encodes to. */
class CodecTest {
    private final Codec codec = new Codec(Json.mapper(1024));

    private Decoded decode(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return codec.decode(bytes, 0, bytes.length);
    }

    private String encode(Message m) {
        return new String(codec.encode(m), StandardCharsets.UTF_8);
    }

    /** Decodes a line and re-encodes the reply it demands (or "silence"). */
    private String replyTo(String line) {
        return switch (decode(line)) {
            case Decoded.Invalid i -> i.reply() == null ? "silence" : encode(i.reply());
            case Decoded.Valid v -> v.message().getClass().getSimpleName();
            case Decoded.Batch b -> "batch of " + b.elements().size();
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}                | Request",
        "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}                            | Notification",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}                     | Success",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1,\"message\":\"m\"}} | Failure",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},1]            | batch of 2",
        "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":[1]}              | silence",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}          | silence",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}                | {\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: id must be a string or an integer\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}              | {\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: id must be a string or an integer\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234,\"method\":\"ping\"} | {\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: id must be a string or an integer\"}}",
        "{\"jsonrpc\":\"2.0\",\"a\":1,\"a\":2,\"id\":1,\"method\":\"ping\"}  | {\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32600,\"message\":\"Invalid request: duplicate key in an object\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}             | PARSE",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"n\":" + "1" + "}} | Request",
    })
    void decodesEachShape(String line, String expected) {
        String reply = replyTo(line.strip());
        if (expected.equals("PARSE")) {
            assertEquals(-32700, ((Decoded.Invalid) decode(line.strip())).reply().error().code(), reply);
        } else {
            assertEquals(expected, reply);
        }
    }

    @Test
    void invalidUtf8AndNulBytesAreParseErrors() {
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        Decoded.Invalid bad = assertInstanceOf(Decoded.Invalid.class, codec.decode(invalid, 0, invalid.length));
        assertEquals(-32700, bad.reply().error().code());
        assertNull(bad.reply().id());
        byte[] nul = "{\"jsonrpc\":\"2.0\",\u0000\"id\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(-32700, ((Decoded.Invalid) codec.decode(nul, 0, nul.length)).reply().error().code());
    }

    @Test
    void deepNestingAndHugeNumbersHitTheLimitsNotTheStack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Invalid request: nesting deeper than 64 levels\"}}",
                replyTo(deep));
        assertEquals(-32700, ((Decoded.Invalid) decode("[".repeat(10_000) + "]".repeat(9_999))).reply().error().code());
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"n\":" + "9".repeat(10_000) + "}}";
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params: a number longer than 100 digits\"}}",
                replyTo(huge));
    }

    @Test
    void encodesExactWireBytes() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}", encode(new Message.Success(new Id.Num(7), Map.of())));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{}}", encode(new Message.Success(new Id.Str("7"), Map.of())));
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32700,\"message\":\"m\"}}",
                encode(Message.Failure.of(null, ErrorCode.PARSE_ERROR, "m")));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}",
                encode(new Message.Notification("notifications/tools/list_changed", null)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"text\":\"a\\nb\"}}",
                encode(new Message.Notification("m", Map.of("text", "a\nb"))));
        assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}]",
                new String(codec.encodeBatch(List.of(new Message.Success(new Id.Num(1), Map.of()))), StandardCharsets.UTF_8));
    }

    @Test
    void linesThatAreNotUtf8AreParseErrorsAndNeverThrow() {
        byte[][] lines = {
            {0, '{', 0, 0},                                            // looks like UCS-4: Jackson would throw an IOException
            {0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // UTF-32 with an invalid code point
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16),
        };
        for (byte[] line : lines) {
            Decoded.Invalid bad = assertInstanceOf(Decoded.Invalid.class, codec.decode(line, 0, line.length));
            assertEquals(-32700, bad.reply().error().code());
            assertEquals("Parse error: messages must be UTF-8 JSON", bad.reply().error().message());
        }
    }

    @Test
    void aLineWithTooManyTokensOrABatchTooLongIsRefusedWhole() {
        Codec roomy = new Codec(Json.mapper(64 * 1024 * 1024));
        String manyTokens = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":[" + "{},".repeat(300_000) + "{}]}}";
        byte[] bytes = manyTokens.getBytes(StandardCharsets.UTF_8);
        Decoded.Invalid tooMany = assertInstanceOf(Decoded.Invalid.class, roomy.decode(bytes, 0, bytes.length));
        assertEquals(-32602, tooMany.reply().error().code());
        assertEquals(new Id.Num(1), tooMany.reply().id());
        assertEquals("Invalid params: more than 500000 tokens", tooMany.reply().error().message());
        String longBatch = "[" + "1,".repeat(Codec.MAX_BATCH) + "1]";
        Decoded.Invalid tooLong = assertInstanceOf(Decoded.Invalid.class, decode(longBatch));
        assertEquals(-32600, tooLong.reply().error().code());
    }

    @Test
    void parseErrorsSayWhereNotHow() {
        String message = ((Decoded.Invalid) decode("{\"jsonrpc\":\"2.0\",\"id\":1} {}")).reply().error().message();
        assertEquals("Parse error: more than one JSON value on the line", message);
        message = ((Decoded.Invalid) decode("{\"a\":1,\"a\":2")).reply().error().message();
        assertEquals("Parse error: duplicate key in an object", message);
        message = ((Decoded.Invalid) decode("{\"a\":tru}")).reply().error().message();
        assertTrue(message.matches("Parse error: invalid JSON at column \\d+"), message);
    }
}
