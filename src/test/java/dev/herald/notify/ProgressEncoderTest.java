package dev.herald.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.jsonrpc.Codec;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.Message;
import dev.herald.protocol.ProgressParams;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written progress encoding produces the same JSON as the generic codec would. */
class ProgressEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Codec codec = new Codec(Json.mapper(1024));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("\"p\"", 1.0, 5.0, "step 1 of 5"),
                Arguments.of("42", 2.5, null, null),
                Arguments.of("\"q\\\"\\n\"", 3.0, 3.5, "quote \" newline \n tab \t \u2713 \u0001 \\"),
                Arguments.of("-7", 1e20, 0.25, "big"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheGenericEncoding(String tokenJson, double progress, Double total, String message) throws Exception {
        JsonNode token = JSON.readTree(tokenJson);
        byte[] fast = ProgressEncoder.encode(token.toString(), progress, total, message);
        ProgressParams params = new ProgressParams(token, ProgressParams.number(progress), total == null ? null : ProgressParams.number(total), message);
        byte[] generic = codec.encode(new Message.Notification("notifications/progress", params));
        assertEquals(JSON.readTree(generic), JSON.readTree(fast), new String(fast, StandardCharsets.UTF_8));
        assertEquals(token.isTextual() ? TextNode.class : token.getClass(), JSON.readTree(fast).at("/params/progressToken").getClass());
    }
}
