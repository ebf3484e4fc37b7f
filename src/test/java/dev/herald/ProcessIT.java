package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testing.ServerProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged jar as a real subprocess: stdout purity, UTF-8, exit on end of input and on SIGTERM. */
class ProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INIT = """
            {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},\
            "clientInfo":{"name":"process-it","version":"1"}}}""";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private static JsonNode handshake(ServerProcess server) throws Exception {
        server.send(INIT);
        JsonNode init = JSON.readTree(server.line(WAIT));
        server.send(INITIALIZED);
        return init;
    }

    private static String call(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    @Test
    void stdoutCarriesOnlyProtocolMessagesWhileAToolPrints() throws Exception {
        try (ServerProcess server = ServerProcess.withFixtures()) {
            handshake(server);
            server.send(call(1, "fixture_print", "{}"));
            server.send(call(2, "echo", "{\"message\":\"after\"}"));
            JsonNode first = JSON.readTree(server.line(WAIT));
            JsonNode second = JSON.readTree(server.line(WAIT));
            assertEquals(List.of(1, 2), List.of(first.get("id").intValue(), second.get("id").intValue()).stream().sorted().toList());
            server.closeStdin();
            List<String> rest = server.rest(WAIT);
            assertTrue(rest.isEmpty(), "unexpected stdout lines: " + rest);
            assertEquals(0, server.exit(WAIT));
            assertTrue(server.stderr().contains("stray println from a tool"), "the stray print belongs on stderr:\n" + server.stderr());
        }
    }

    @Test
    void utf8SurvivesANonUtf8DefaultCharset() throws Exception {
        String text = "héllo ✓ 日本語 \uD83D\uDE80 \"quoted\" \\ back\nslash";
        String escaped = JSON.writeValueAsString(text);
        try (ServerProcess server = ServerProcess.jar(List.of("-Dfile.encoding=ISO-8859-1", "-Dstdout.encoding=ISO-8859-1",
                "-Dstderr.encoding=ISO-8859-1", "-Dsun.jnu.encoding=ISO-8859-1"))) {
            handshake(server);
            server.send(call(1, "echo", "{\"message\":" + escaped + "}"));
            JsonNode result = JSON.readTree(server.line(WAIT));
            assertEquals(text, result.at("/result/content/0/text").textValue());
        }
    }

    @Test
    void exitsWithinOneSecondOfEndOfInputWithARequestInFlight() throws Exception {
        try (ServerProcess server = ServerProcess.withFixtures()) {
            handshake(server);
            server.send(call(1, "fixture_block", "{}"));
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
            assertEquals(2, JSON.readTree(server.line(WAIT)).get("id").intValue()); // the blocking call is running
            long start = System.nanoTime();
            server.closeStdin();
            int code = server.exit(Duration.ofSeconds(5));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, code);
            assertTrue(ms < 1000, "took " + ms + " ms to exit after end of input");
            List<String> rest = server.rest(WAIT);
            assertEquals(1, rest.size(), "the request in flight gets exactly one answer: " + rest);
            assertEquals(-32603, JSON.readTree(rest.getFirst()).at("/error/code").intValue());
        }
    }

    @Test
    void sigtermShutsDownCleanly() throws Exception {
        try (ServerProcess server = ServerProcess.jar(List.of())) {
            handshake(server);
            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"long_running_operation\","
                    + "\"arguments\":{\"steps\":5,\"step_ms\":60000},\"_meta\":{\"progressToken\":1}}}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
            assertEquals(2, JSON.readTree(server.line(WAIT)).get("id").intValue());
            long start = System.nanoTime();
            // Process.destroy() would also close our end of its stdout, so signal it with kill.
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(server.process().pid())).start().waitFor());
            int code = server.exit(Duration.ofSeconds(5));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, code, "stderr:\n" + server.stderr());
            assertTrue(ms < 1000, "took " + ms + " ms to exit after SIGTERM");
            List<String> rest = server.rest(WAIT);
            assertEquals(1, rest.size(), "the request in flight gets exactly one answer: " + rest);
            assertEquals(1, JSON.readTree(rest.getFirst()).get("id").intValue());
        }
    }

    @Test
    void versionAndHelpPrintAndExit() throws Exception {
        try (ServerProcess server = ServerProcess.jar(List.of(), "--version")) {
            assertTrue(server.line(WAIT).startsWith("herald "));
            assertEquals(0, server.exit(WAIT));
        }
        try (ServerProcess server = ServerProcess.jar(List.of(), "--help")) {
            assertTrue(server.line(WAIT).startsWith("Usage: herald"));
            assertEquals(0, server.exit(WAIT));
        }
        try (ServerProcess server = ServerProcess.jar(List.of(), "--no-such-option", "1")) {
            assertEquals(2, server.exit(WAIT));
            assertTrue(server.rest(WAIT).isEmpty(), "a usage error writes nothing to stdout");
            assertFalse(server.stderr().isEmpty());
        }
    }

    @Test
    void withSignalHandlingOffTheShutdownHookStillLetsTheJvmExit() throws Exception {
        try (ServerProcess server = ServerProcess.jar(List.of("-Xrs"))) {
            handshake(server);
            server.closeStdin();
            assertEquals(0, server.exit(Duration.ofSeconds(5)), "stderr:\n" + server.stderr());
        }
    }
}
