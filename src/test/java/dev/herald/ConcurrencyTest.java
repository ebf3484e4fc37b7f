package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.feature.TemplateEntry;
import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.ResourceTemplate;
import dev.herald.server.Server;
import dev.herald.server.Session;
import dev.herald.testing.Fixtures;
import dev.herald.testing.InProcess;
import dev.herald.testing.Pipes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Races and bounds that a transcript cannot pin down: many requests pipelined at once, concurrent shutdowns. */
class ConcurrencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Reads until every id in 1..n has its response; returns them by id. */
    private static Map<Integer, JsonNode> responses(Pipes.Capture out, int n) throws Exception {
        Map<Integer, JsonNode> byId = new HashMap<>();
        while (byId.size() < n) {
            String line = out.take(WAIT);
            assertTrue(line != null, "only " + byId.size() + " of " + n + " answers");
            JsonNode message = JSON.readTree(line);
            if (message.has("id")) {
                assertTrue(byId.put(message.get("id").asInt(), message) == null, "answered twice: " + line);
            }
        }
        return byId;
    }

    @Test
    void concurrentStartsNeverPassTheLimitOfRunningBackgroundTasks() throws Exception {
        InProcess run = InProcess.start(server -> { });
        int starts = 60;
        StringBuilder burst = new StringBuilder();
        for (int id = 1; id <= starts; id++) {
            burst.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id).append(",\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"start_background_task\",\"arguments\":{\"name\":\"t\",\"ticks\":5}}}\n");
        }
        run.in().bytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long started = responses(run.capture(), starts).values().stream().filter(r -> !r.at("/result/isError").asBoolean()).count();
        assertEquals(16, started, "exactly the limit of tasks started");
        run.stop();
    }

    @Test
    void aSessionMaySubscribeToAtMostAThousandResources() throws Exception {
        InProcess run = InProcess.start(server -> server.resources().templates().put("test://{n}", new TemplateEntry(
                new ResourceTemplate("test://{n}", "any", null, "Any URI under test://", "text/plain"),
                (uri, vars) -> ResourceContents.text(uri, "text/plain", vars.get("n")), Map.of())));
        int n = Server.MAX_SUBSCRIPTIONS + 1;
        StringBuilder burst = new StringBuilder();
        for (int id = 1; id <= n; id++) {
            burst.append("{\"jsonrpc\":\"2.0\",\"id\":").append(id)
                    .append(",\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://").append(id).append("\"}}\n");
        }
        run.in().bytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long refused = responses(run.capture(), n).values().stream().filter(r -> r.at("/error/code").asInt() == -32602).count();
        assertEquals(1, refused);
        assertEquals(Server.MAX_SUBSCRIPTIONS, run.herald().server().sessions().iterator().next().subscriptions().size());
        run.stop();
    }

    @Test
    void aSecondShutdownWaitsForTheFirstToFinishItsWork() throws Exception {
        InProcess run = InProcess.start(Fixtures::install);
        run.in().line("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"fixture_block\",\"arguments\":{}}}");
        run.in().line("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertEquals(2, JSON.readTree(run.capture().take(WAIT)).get("id").asInt());
        // A first shutdown (say SIGTERM) starts, and spends the grace period waiting for the blocked call...
        Thread first = Thread.ofPlatform().start(run.herald()::shutdown);
        Session session = run.herald().server().sessions().iterator().next();
        InProcess.await("the first shutdown has started", () -> session.state() == Session.State.CLOSED);
        run.herald().shutdown(); // ...a second one (say end of input) must not return before it is done
        String answer = run.capture().take(Duration.ZERO);
        assertTrue(answer != null && JSON.readTree(answer).get("id").asInt() == 1,
                "shutdown returned before the request in flight was answered: " + answer);
        first.join(WAIT);
        run.in().close();
        run.serving().join(WAIT);
    }

    @Test
    void anIdMayBeReusedAsSoonAsItsResponseIsRead() throws Exception {
        InProcess run = InProcess.start(server -> { });
        for (int round = 0; round < 2_000; round++) {
            run.in().line("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"again\"}}}");
            JsonNode answer = JSON.readTree(run.capture().take(WAIT));
            assertTrue(answer.has("result"), "round " + round + ": " + answer);
        }
        run.stop();
    }

    private static String call(int id, String tool, String arguments, String task) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + (task == null ? "" : ",\"task\":" + task) + "}}";
    }

    private static String taskRequest(int id, String method, String taskId) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{\"taskId\":\"" + taskId + "\"}}";
    }

    /** Reads until the response with this id, handing every notification on the way to {@code notifications}. */
    private static JsonNode until(Pipes.Capture out, int id, Consumer<JsonNode> notifications) throws Exception {
        while (true) {
            String line = out.take(WAIT);
            assertTrue(line != null, "no response to " + id);
            JsonNode message = JSON.readTree(line);
            if (!message.has("id")) {
                notifications.accept(message);
            } else if (message.get("id").asInt() == id) {
                return message;
            }
        }
    }

    @Test
    void aTaskCancelRacingItsCompletionHasOneOutcomeThatNeverChanges() throws Exception {
        InProcess run = InProcess.start(server -> { });
        Map<String, String> completedNotices = new HashMap<>();
        Consumer<JsonNode> collect = n -> {
            if (n.path("method").asText().equals("notifications/tasks/status")) {
                completedNotices.merge(n.at("/params/taskId").asText(), n.at("/params/status").asText(), (a, b) -> a + "," + b);
            }
        };
        Map<String, String> outcome = new HashMap<>();
        int id = 1;
        for (int round = 0; round < 300; round++) {
            run.in().line(call(id, "long_running_operation", "{\"steps\":1,\"step_ms\":0}", "{\"ttl\":60000}"));
            String taskId = until(run.capture(), id++, collect).at("/result/task/taskId").asText();
            run.in().line(taskRequest(id, "tasks/cancel", taskId));
            JsonNode cancel = until(run.capture(), id++, collect);
            run.in().line(taskRequest(id, "tasks/get", taskId));
            String status = until(run.capture(), id++, collect).at("/result/status").asText();
            if (cancel.has("result")) {
                assertEquals("cancelled", status, "round " + round);
            } else {
                assertEquals("Cannot cancel task: already in terminal status 'completed'", cancel.at("/error/message").asText());
                assertEquals("completed", status, "round " + round);
            }
            outcome.put(taskId, status);
        }
        run.in().line("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
        until(run.capture(), id, collect);
        // Each task announced exactly the one terminal status it kept.
        outcome.forEach((taskId, status) -> assertEquals(status, completedNotices.get(taskId), taskId));
        run.stop();
    }

    @Test
    void atMostSixtyFourTasksWorkAtOnce() throws Exception {
        InProcess run = InProcess.start(Fixtures::install);
        String first = null;
        for (int id = 1; id <= 64; id++) {
            run.in().line(call(id, "fixture_block", "{}", "{}"));
            JsonNode created = until(run.capture(), id, n -> { });
            first = first == null ? created.at("/result/task/taskId").asText() : first;
        }
        run.in().line(call(65, "fixture_block", "{}", "{}"));
        assertEquals("Server busy: 64 tasks are already working; wait for one to finish or cancel one",
                until(run.capture(), 65, n -> { }).at("/error/message").asText());
        run.in().line(taskRequest(66, "tasks/cancel", first));
        until(run.capture(), 66, n -> { });
        run.in().line(call(67, "fixture_block", "{}", "{}"));
        assertEquals("working", until(run.capture(), 67, n -> { }).at("/result/task/status").asText());
        run.stop();
    }
}
