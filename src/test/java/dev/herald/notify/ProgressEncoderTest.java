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
                Arguments.of("\"p\"", 1.0, 5.0, "step 1 of 5", null),
                Arguments.of("42", 2.5, null, null, null),
                Arguments.of("\"q\\\"\\n\"", 3.0, 3.5, "quote \" newline \n tab \t \u2713 \u0001 \\", null),
                Arguments.of("-7", 1e20, 0.25, "big", null),
                Arguments.of("\"t\"", 4.0, 9.0, "in a task", "786512e2-9e0d-44bd-8f29-789f320fe840"),
                Arguments.of("5", 1.0, null, null, "odd \"task\" id"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheGenericEncoding(String tokenJson, double progress, Double total, String message, String taskId) throws Exception {
        JsonNode token = JSON.readTree(tokenJson);
        byte[] fast = ProgressEncoder.encode(token.toString(), progress, total, message, taskId);
        ProgressParams params = new ProgressParams(token, ProgressParams.number(progress), total == null ? null : ProgressParams.number(total), message,
                taskId == null ? null : dev.herald.protocol.Task.relatedMeta(taskId));
        byte[] generic = codec.encode(new Message.Notification("notifications/progress", params));
        assertEquals(JSON.readTree(generic), JSON.readTree(fast), new String(fast, StandardCharsets.UTF_8));
        assertEquals(token.isTextual() ? TextNode.class : token.getClass(), JSON.readTree(fast).at("/params/progressToken").getClass());
    }
}
