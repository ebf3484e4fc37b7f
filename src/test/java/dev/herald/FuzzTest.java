package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testing.HostileInput;
import dev.herald.testing.ManualScheduler;
import dev.herald.testing.Pipes;
import dev.herald.testing.RuleBreakers;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Feeds generated hostile lines through the real server loop (fixed seed) and checks after each
 * burst that the session is alive: a ping is answered, and everything written is one well-formed
 * JSON-RPC message per line. {@code -Dherald.fuzz.lines=N} runs longer (default 3,000 lines).
 */
class FuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int BURST = 50;

    @Test
    void theSessionSurvivesHostileInputAndAnswersAPingAfterEachBurst() throws Exception {
        int lines = Integer.getInteger("herald.fuzz.lines", 3_000);
        long seed = Long.getLong("herald.fuzz.seed", 20261121L);
        Pipes.Feed in = new Pipes.Feed();
        Pipes.Capture out = new Pipes.Capture();
        Options options = Options.parse("--max-message-bytes", "65536", "--max-in-flight", "64");
        Herald herald = new Herald(in, out, options, new ManualScheduler());
        Thread serving = Thread.ofPlatform().daemon().start(herald::serve);
        in.line("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}");
        in.line("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HostileInput hostile = new HostileInput(seed);
        int written = 0;
        for (int burst = 0; written < lines; burst++) {
            for (int i = 0; i < BURST; i++, written++) {
                in.bytes(hostile.next());
                in.bytes(new byte[] {'\n'});
            }
            String pingId = "ping-" + burst;
            in.line("{\"jsonrpc\":\"2.0\",\"id\":\"" + pingId + "\",\"method\":\"ping\"}");
            awaitAnswer(out, pingId, seed, written);
        }
        in.close();
        serving.join(WAIT);
        assertTrue(!serving.isAlive(), "the server did not exit after end of input");
    }

    /**
     * Requests that are well-formed JSON but break an input rule, each with a readable id: every one
     * is answered with its own id, -32602 when the rule broke inside params, else -32600, naming the
     * rule. Such answers go out on the reader thread, so each is the next line out. Notifications
     * breaking a rule get silence; an ambiguous (duplicated) id and a line that is not JSON get an
     * answer without id. {@code -Dherald.fuzz.rules=N} runs longer (default 400 lines).
     */
    @Test
    void everyRequestBreakingAnInputRuleIsAnsweredWithItsOwnId() throws Exception {
        int cases = Integer.getInteger("herald.fuzz.rules", 400);
        long seed = Long.getLong("herald.fuzz.seed", 20261121L);
        Pipes.Feed in = new Pipes.Feed();
        Pipes.Capture out = new Pipes.Capture();
        Herald herald = new Herald(in, out, Options.DEFAULTS, new ManualScheduler());
        Thread serving = Thread.ofPlatform().daemon().start(herald::serve);
        in.line("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}");
        assertTrue(out.take(WAIT) != null, "no answer to initialize");
        in.line("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        RuleBreakers breakers = new RuleBreakers(seed);
        java.util.Map<String, Integer> answered = new java.util.TreeMap<>();
        for (int i = 0; i < cases; i++) {
            RuleBreakers.Case c = breakers.next(i % 50 == 49);
            in.bytes(c.line());
            in.bytes(new byte[] {'\n'});
            String line = out.take(WAIT);
            String what = c.rule() + " case " + i + " (seed " + seed + ")";
            assertTrue(line != null, "no answer to " + what);
            JsonNode reply = JSON.readTree(line);
            assertEquals(JSON.readTree(c.idJson()), reply.get("id"), what + ": " + line);
            assertEquals(c.code(), reply.at("/error/code").asInt(), what + ": " + line);
            assertTrue(reply.at("/error/message").asText().startsWith(c.message()), what + ": " + line);
            answered.merge(c.rule(), 1, Integer::sum);
        }
        assertEquals(7, answered.size(), "every rule was tried: " + answered);
        String[][] idless = {
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"id\":2}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":1,\"a\":2}", "-32700"},
            {"{\"jsonrpc\":\"2.0\",\"id\":" + "1".repeat(101) + ",\"method\":\"ping\"}", "-32600"},
        };
        for (String[] line : idless) {
            in.line(line[0]);
            JsonNode reply = JSON.readTree(out.take(WAIT));
            assertTrue(!reply.has("id"), "an answer with an id to " + line[0] + ": " + reply);
            assertEquals(Integer.parseInt(line[1]), reply.at("/error/code").asInt(), reply.toString());
        }
        in.line("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,\"requestId\":2}}");
        in.line("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,\"reason\":\"\\udfff\"}}");
        in.line("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"ping\"}");
        assertEquals("after", JSON.readTree(out.take(WAIT)).path("id").textValue(), "a notification breaking a rule was answered");
        in.close();
        serving.join(WAIT);
        assertTrue(!serving.isAlive(), "the server did not exit after end of input");
    }

    /** Reads until the ping's answer, checking that every line is one well-formed message. */
    private static void awaitAnswer(Pipes.Capture out, String pingId, long seed, int written) throws Exception {
        while (true) {
            String line = out.take(WAIT);
            assertTrue(line != null, "no answer to " + pingId + " after " + written + " hostile lines (seed " + seed + ")");
            JsonNode message;
            try {
                message = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON on stdout: " + line, e);
            }
            assertWellFormed(message, line);
            if (pingId.equals(message.path("id").textValue()) && message.has("result")) {
                assertEquals(0, message.get("result").size());
                return;
            }
        }
    }

    private static void assertWellFormed(JsonNode message, String line) {
        String problem = problem(message);
        if (problem != null) {
            throw new AssertionError(problem + ": " + (line.length() > 500 ? line.substring(0, 500) + "..." : line));
        }
    }

    /** What is wrong with this message (or batch of them), or null. */
    private static String problem(JsonNode message) {
        if (message.isArray()) {
            if (message.isEmpty()) {
                return "an empty batch answer";
            }
            for (JsonNode element : message) {
                String problem = problem(element);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (!"2.0".equals(message.path("jsonrpc").textValue())) {
            return "jsonrpc is not \"2.0\"";
        }
        boolean notification = message.has("method") && !message.has("id");
        boolean response = message.has("result") != message.has("error");
        if (!notification && !response) {
            return "neither a notification nor a response";
        }
        JsonNode id = message.get("id");
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
            return "an id that is neither a string nor an integer";
        }
        JsonNode error = message.get("error");
        if (error != null && !(error.path("code").isInt() && error.path("message").isTextual())) {
            return "an error without an integer code and a message";
        }
        return null;
    }
}
