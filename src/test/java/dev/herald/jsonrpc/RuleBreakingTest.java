package dev.herald.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines that are JSON but break an input rule: the answer carries the request's id whenever it can be read. */
class RuleBreakingTest {
    private final Codec codec = new Codec(Json.mapper(16 * 1024 * 1024));

    private String replyTo(byte[] bytes) {
        return switch (codec.decode(bytes, 0, bytes.length)) {
            case Decoded.Invalid i -> i.reply() == null ? "silence" : new String(codec.encode(i.reply()), StandardCharsets.UTF_8);
            case Decoded.Valid v -> v.message().getClass().getSimpleName();
            case Decoded.Batch b -> "batch " + b.elements().stream().map(e -> e instanceof Decoded.Invalid i && i.reply() != null
                    ? Integer.toString(i.reply().error().code()) : e.getClass().getSimpleName()).toList();
        };
    }

    private String replyTo(String line) {
        return replyTo(line.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String id, int code, String message) {
        return "{\"jsonrpc\":\"2.0\"," + (id == null ? "" : "\"id\":" + id + ",") + "\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // a duplicate key: where it is decides the code
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"ping\"}                   | 1     | -32600 | Invalid request: duplicate key in an object",
        "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"m\",\"params\":{\"x\":{\"k\":1,\"k\":2}}}     | \"a\" | -32602 | Invalid params: duplicate key in an object",
        "{\"params\":{\"k\":1,\"k\":2},\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":-5}                | -5    | -32602 | Invalid params: duplicate key in an object",
        // a lone surrogate: high, low, in a key, after a high that is not followed by a low
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"m\",\"params\":{\"s\":\"\\ud800\"}}                | 3     | -32602 | Invalid params: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"m\",\"params\":{\"s\":\"a\\uDFFFb\"}}              | 3     | -32602 | Invalid params: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"m\",\"\\udbff\\u0041\":1}                          | 3     | -32600 | Invalid request: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)",
        "{\"jsonrpc\":\"2.0\",\"id\":\"\\ud800\",\"method\":\"ping\"}                                  | \"\\uD800\" | -32600 | Invalid request: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)",
        // a pair, and an escaped backslash before u, are fine
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"m\",\"params\":{\"s\":\"\\ud83d\\ude00\\\\ud800\"}} | -     | -      | Request",
        // an id the client wrote escaped is still the id
        "{\"jsonrpc\":\"2.0\",\"\\u0069d\":4,\"method\":\"m\",\"x\":{\"a\":1,\"a\":1}}                 | 4     | -32600 | Invalid request: duplicate key in an object",
        // no readable id: ambiguous, unreadable, or response-shaped
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"id\":6,\"method\":\"ping\"}                                   | null  | -32600 | Invalid request: duplicate key \\\"id\\\", so the id is ambiguous",
        "{\"jsonrpc\":\"2.0\",\"id\":5,\"\\u0069d\":5,\"method\":\"ping\"}                             | null  | -32600 | Invalid request: duplicate key \\\"id\\\", so the id is ambiguous",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\",\"x\":\"\\ud800\"}                        | null  | -32600 | Invalid request: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"x\":{\"a\":1,\"a\":1}}                                         | null  | -32600 | Invalid request: duplicate key in an object",
        "[{\"a\":1,\"a\":1}]                                                                            | null  | -32600 | Invalid request: duplicate key in an object",
        // not JSON at all, even if an id is in it: a parse error
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"m\",\"params\":{\"a\":1,\"a\":1}                  | null  | -32700 | Parse error: duplicate key in an object",
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"m\",\"params\":{\"a\":1,\"a\":1}} x                | null  | -32700 | Parse error: duplicate key in an object",
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"m\",\"params\":{\"a\":1,\"a\":1,\"s\":\"\\x\"}}     | null  | -32700 | Parse error: duplicate key in an object",
        // never an answer to a notification or a response
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"a\":1,\"a\":1}}     | -     | -      | silence",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"s\":\"\\ud800\"}}   | -     | -      | silence",
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"a\":1,\"a\":1}}                                    | -     | -      | silence",
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"s\":\"\\ud800\"}}                                  | -     | -      | silence",
    })
    void answersWithTheIdWhenItCanBeRead(String line, String id, String code, String expected) {
        String reply = replyTo(line.strip());
        if (code.equals("-")) {
            assertEquals(expected, reply);
        } else {
            assertEquals(error(id.equals("null") ? null : id, Integer.parseInt(code), expected), reply);
        }
    }

    @Test
    void eachLimitIsNamedAndPlacedWhereItBroke() {
        String start = "{\"jsonrpc\":\"2.0\",\"id\":\"q\",\"method\":\"m\",";
        assertEquals(error("\"q\"", -32602, "Invalid params: a number longer than 100 digits"),
                replyTo(start + "\"params\":{\"n\":-" + "9".repeat(101) + "}}"));
        assertEquals(error("\"q\"", -32602, "Invalid params: a number longer than 100 digits"),
                replyTo(start + "\"params\":{\"n\":1." + "9".repeat(60) + "e" + "1".repeat(40) + "}}"));
        assertEquals(error("\"q\"", -32600, "Invalid request: a number longer than 100 digits"),
                replyTo(start + "\"x\":" + "9".repeat(101) + "}"));
        assertEquals("Request", replyTo(start + "\"x\":" + "9".repeat(100) + "}"));
        assertEquals(error("\"q\"", -32602, "Invalid params: nesting deeper than 64 levels"),
                replyTo(start + "\"params\":{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}}"));
        assertEquals("Request", replyTo(start + "\"params\":{\"a\":" + "[".repeat(62) + "]".repeat(62) + "}}"));
        assertEquals(error("\"q\"", -32600, "Invalid request: nesting deeper than 64 levels"),
                replyTo(start + "\"x\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}"));
        assertEquals(error("\"q\"", -32602, "Invalid params: a key longer than 50000 characters"),
                replyTo(start + "\"params\":{\"" + "k".repeat(50_001) + "\":1}}"));
        assertEquals(error("\"q\"", -32600, "Invalid request: more than 500000 tokens"),
                replyTo(start + "\"params\":{},\"x\":[" + "0,".repeat(500_000) + "0]}"));
    }

    @Test
    void aSurrogateInRawBytesBreaksTheRuleButOtherBadUtf8IsNotJson() {
        String line = "{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"method\":\"m\",\"params\":{\"s\":\"@@@\"}}";
        assertEquals(error("\"r\"", -32602, "Invalid params: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)"),
                replyTo(patch(line, 0xED, 0xA0, 0x80)));
        assertEquals(error("\"r\"", -32602, "Invalid params: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)"),
                replyTo(patch(line, 0xED, 0xBF, 0xBF)));
        assertEquals("Request", replyTo(patch(line, 0xED, 0x9F, 0xBF))); // U+D7FF, just below the surrogates
        assertEquals(error(null, -32700, "Parse error: invalid UTF-8"), replyTo(patch(line, 0xC3, 0x28, 0x41)));
        assertEquals(error(null, -32700, "Parse error: invalid UTF-8"), replyTo(patch(line, 0xF8, 0x80, 0x80)));
        String inId = "{\"jsonrpc\":\"2.0\",\"id\":\"@@@\",\"method\":\"m\"}";
        assertEquals(error(null, -32600, "Invalid request: a string holds a lone surrogate (U+D800 to U+DFFF outside a pair)"),
                replyTo(patch(inId, 0xED, 0xA0, 0x80)));
    }

    @Test
    void aBatchRefusesOnlyTheElementWithALoneSurrogate() {
        assertEquals("batch [Valid, -32602]", replyTo("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"m\",\"params\":{\"s\":\"\\ud800\"}}]"));
    }

    @Test
    void theScanAgreesWithJacksonOnWhatIsJson() throws Exception {
        var lenient = new com.fasterxml.jackson.databind.ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(1_000_000)
                        .maxNumberLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).maxTokenCount(0).build())
                .build()).enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        dev.herald.testing.HostileInput hostile = new dev.herald.testing.HostileInput(7);
        int json = 0;
        for (int n = 0; n < 3_000; n++) {
            byte[] line = hostile.next();
            if (!Codec.looksLikeUtf8(line, 0, line.length)) {
                continue; // refused before any parse; Jackson would guess UTF-16 or UTF-32
            }
            boolean jackson;
            try {
                var node = lenient.readTree(line);
                jackson = node != null && !node.isMissingNode();
            } catch (Exception e) {
                jackson = false;
            }
            TolerantScan scan = TolerantScan.of(line, 0, line.length);
            String shown = new String(line, 0, Math.min(line.length, 300), StandardCharsets.ISO_8859_1);
            // (Jackson is laxer about bad UTF-8 inside keys; this corpus does not hit that.)
            assertEquals(jackson, scan.json(), "scan and Jackson disagree on " + shown);
            json += jackson ? 1 : 0;
        }
        assertTrue(json > 1_000, "too few of the lines were JSON to compare: " + json);
    }

    /** The line with its "@@@" replaced by three raw bytes. */
    private static byte[] patch(String line, int a, int b, int c) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int at = line.indexOf("@@@");
        bytes[at] = (byte) a;
        bytes[at + 1] = (byte) b;
        bytes[at + 2] = (byte) c;
        return bytes;
    }
}
