package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.feature.ToolEntry;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Tool;
import dev.herald.server.Session;
import dev.herald.testing.Gate;
import dev.herald.testing.InProcess;
import dev.herald.testing.Pipes;
import dev.herald.transport.StdioTransport;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while notifications pour out: the tool is not held up, memory stays
 * bounded (progress coalesces, newest wins; log messages are dropped and counted), no response is
 * lost, and once the client reads again it learns how many log messages it missed.
 */
class SlowClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = InProcess.WAIT;
    private static final int STEPS = 300_000;

    @Test
    void aClientThatStopsReadingCostsBoundedMemoryAndLosesNoResponse() throws Exception {
        CountDownLatch flooded = new CountDownLatch(1);
        InProcess run = InProcess.start(server -> server.tools().registry().put("flood",
                new ToolEntry(new Tool("flood", null, "Sends a progress notification per step, then says so.",
                        Json.object().put("type", "object"), null, null), (ctx, args) -> {
                            for (int step = 1; step <= STEPS; step++) {
                                ctx.progress(step, (double) STEPS, null);
                            }
                            flooded.countDown();
                            return CallToolResult.text("flooded");
                        }, true)));
        Pipes.Feed in = run.in();
        Pipes.Capture capture = run.capture();
        Gate out = run.out();
        Herald herald = run.herald();

        out.stop();
        in.line("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"flood\",\"arguments\":{},"
                + "\"_meta\":{\"progressToken\":\"flood\"}}}");
        assertTrue(flooded.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the tool was held up by the client not reading");
        Session session = herald.server().sessions().iterator().next();
        int logs = 20_000;
        for (int i = 0; i < logs; i++) {
            session.notifier().log(dev.herald.protocol.LogLevel.INFO, "flood", "message " + i);
        }
        // Progress coalesces and log messages drop once congested: the queue stays near the congestion budget.
        long backlog = herald.outputBacklogBytes();
        assertTrue(backlog <= StdioTransport.CONGESTED_BYTES + 64 * 1024, "the output backlog grew to " + backlog + " bytes");

        out.resume();
        in.line("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        double last = 0;
        int progress = 0;
        boolean answered = false;
        boolean ponged = false;
        String dropped = null;
        while (!(answered && ponged && dropped != null)) {
            String line = capture.take(WAIT);
            assertTrue(line != null, "output stopped: answered " + answered + ", ping " + ponged + ", drop report " + dropped);
            JsonNode message = JSON.readTree(line);
            String method = message.path("method").asText();
            if (method.equals("notifications/progress")) {
                assertTrue(!answered, "progress after the response");
                double value = message.at("/params/progress").doubleValue();
                assertTrue(value > last, "progress went from " + last + " to " + value);
                last = value;
                progress++;
            } else if (method.equals("notifications/message") && message.at("/params/logger").asText().equals("herald")) {
                dropped = message.at("/params/data").asText();
            } else if (message.path("id").asInt(-1) == 1) {
                answered = true;
            } else if (message.path("id").asInt(-1) == 2) {
                ponged = true;
            }
        }
        assertEquals(STEPS, last, "the newest progress value wins");
        assertTrue(progress < STEPS, "progress was coalesced while the client was not reading (" + progress + " sent)");
        assertTrue(dropped.matches("Herald dropped \\d+ log messages while the client was not reading its output"), dropped);
        run.stop();
    }

    /**
     * More answers than the byte budget holds: the reader stops reading at the budget (the answers
     * queued stay within it, give or take the calls already running), and once the client reads
     * again every request is answered exactly once.
     */
    @Test
    void aClientThatPipelinesWithoutReadingGetsEveryAnswerExactlyOnceWithinTheByteBudget() throws Exception {
        InProcess run = InProcess.start(server -> { });
        Pipes.Feed in = run.in();
        Pipes.Capture capture = run.capture();
        Gate out = run.out();
        Herald herald = run.herald();
        out.stop();
        int requests = 150_000; // about 23 MB of answers as the budget counts them
        StringBuilder burst = new StringBuilder();
        for (int id = 1; id <= requests; id++) {
            burst.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id)
                    .append(",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"m\"}}}\n");
            // a flood of cancels for requests that never existed: ignored, and cheap
            burst.append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"ghost-")
                    .append(id).append("\"}}\n");
            if (id % 10_000 == 0) {
                in.bytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                burst.setLength(0);
            }
        }
        in.line("{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"ping\"}");
        InProcess.await("the queued answers pass the byte budget", () -> herald.outputBacklogBytes() > StdioTransport.MAX_BACKLOG_BYTES);
        assertTrue(!in.consumed(), "the reader went on reading past the byte budget");
        long backlog = herald.outputBacklogBytes();
        long inFlight = Options.DEFAULTS.maxInFlight() * 256L; // answers of calls that were already running
        assertTrue(backlog <= StdioTransport.MAX_BACKLOG_BYTES + inFlight, "the backlog grew to " + backlog + " bytes");
        out.resume();
        java.util.BitSet seen = new java.util.BitSet(requests + 1);
        int answers = 0;
        boolean pinged = false; // ping is answered on the reader thread, so it may overtake calls still running
        while (answers < requests || !pinged) {
            String line = capture.take(WAIT);
            assertTrue(line != null, "output stopped after " + answers + " answers");
            JsonNode message = JSON.readTree(line);
            if ("last".equals(message.path("id").textValue())) {
                pinged = true;
                continue;
            }
            int id = message.path("id").asInt(-1);
            boolean echoed = message.at("/result/content/0/text").asText().equals("m");
            // on a loaded machine the calls may not keep up with the reader: past the in-flight bound a request is refused, once
            boolean busy = message.at("/error/message").asText().startsWith("Server busy");
            assertTrue(id > 0 && (echoed || busy), line);
            assertTrue(!seen.get(id), "answered twice: " + id);
            seen.set(id);
            answers++;
        }
        assertEquals(requests, answers, "every request answered exactly once");
        run.stop();
    }
}
