package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.testing.HubFixture;
import dev.herald.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code herald run} through the real launcher: the command's output passes through unchanged, its
 * status is the exit status, and one event says how it ended (read back with {@code herald events}).
 * No hub runs: each run hosts it for the moment and the event waits in the journal.
 */
class RunIT {
    private static JsonNode lastEvent(HubFixture f) throws Exception {
        HubFixture.Result events = f.cli("events", "--json");
        assertEquals(0, events.exit(), events.err());
        List<String> lines = events.out().lines().toList();
        return HubFixture.JSON.readTree(lines.get(lines.size() - 1));
    }

    private static List<String> tail(JsonNode event) {
        List<String> out = new ArrayList<>();
        event.path("data").path("tail").forEach(l -> out.add(l.asText()));
        return out;
    }

    @Test
    void aPassingCommandsOutputPassesThroughAndItsEndIsPublished() throws Exception {
        try (HubFixture f = new HubFixture()) {
            HubFixture.Result r = f.cli("run", "--topic", "jobs", "--title", "Backup", "--", "sh", "-c", "echo hello; echo warn >&2; printf 'no newline'");
            assertEquals(0, r.exit(), r.err());
            assertEquals("hello\nno newline", r.out(), "stdout unchanged, and nothing else on it");
            assertTrue(r.err().startsWith("warn\n"), r.err());
            JsonNode e = lastEvent(f);
            assertEquals("jobs", e.path("topic").asText());
            assertEquals("Backup", e.path("title").asText());
            assertEquals("normal", e.path("priority").asText());
            String body = e.path("body").asText();
            assertTrue(body.startsWith("`sh -c 'echo hello; echo warn >&2; printf '\\''no newline'\\'''` finished with exit 0 after ")
                    && body.matches(".* after \\d+\\.\\ds"), body); // quoted as a shell would read it back
            assertTrue(r.err().contains("herald run: " + e.path("body").asText() + " (event " + e.path("id").asText() + ")"), r.err());
            assertEquals(0, e.path("data").path("exit").asInt());
            assertEquals(List.of("sh", "-c", "echo hello; echo warn >&2; printf 'no newline'"),
                    HubFixture.JSON.convertValue(e.path("data").path("command"), List.class));
            assertTrue(tail(e).containsAll(List.of("hello", "warn", "no newline")) && tail(e).size() == 3, tail(e).toString());
            assertTrue(e.path("sender").asText().startsWith("cli:"));
        }
    }

    @Test
    void theTailKeepsTheLastTwentyLinesAsPlainText() throws Exception {
        try (HubFixture f = new HubFixture()) {
            HubFixture.Result r = f.cli("run", "--", "sh", "-c", "seq 1 50; printf '\\033[31mred\\033[0m\\n'; printf 'progress 10%%\\rprogress 100%%\\n'");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("1\n2\n3\n") && r.out().contains("\u001b[31mred"), "passed through byte for byte");
            List<String> expected = new ArrayList<>(IntStream.rangeClosed(33, 50).mapToObj(Integer::toString).toList());
            expected.addAll(List.of("red", "progress 100%"));
            assertEquals(expected, tail(lastEvent(f)));
            assertEquals("run", lastEvent(f).path("topic").asText(), "the default topic");
        }
    }

    @Test
    void aFailingCommandIsPublishedHighAndItsStatusIsTheExitStatus() throws Exception {
        try (HubFixture f = new HubFixture()) {
            HubFixture.Result r = f.cli("run", "--to", "ops", "--", "sh", "-c", "echo oops >&2; exit 3");
            assertEquals(3, r.exit());
            JsonNode e = lastEvent(f);
            assertEquals("high", e.path("priority").asText());
            assertTrue(e.path("body").asText().contains("finished with exit 3 after"), e.path("body").asText());
            assertEquals(3, e.path("data").path("exit").asInt());
            assertEquals(List.of("oops"), tail(e));
            assertEquals("ops", e.path("to").path(0).asText());
        }
    }

    @Test
    void aKilledCommandIsReportedAsKilledWithExit128PlusTheSignal() throws Exception {
        try (HubFixture f = new HubFixture()) {
            HubFixture.Result r = f.cli("run", "--", "sh", "-c", "echo before; kill -9 $$");
            assertEquals(137, r.exit());
            JsonNode e = lastEvent(f);
            assertTrue(e.path("body").asText().matches("`sh -c 'echo before; kill -9 \\$\\$'` was killed by signal 9 \\(SIGKILL\\) \\(exit 137\\) after .*"),
                    e.path("body").asText());
            assertEquals("high", e.path("priority").asText());
            assertEquals(9, e.path("data").path("signal").asInt());
            assertEquals(List.of("before"), tail(e));
        }
    }

    @Test
    void ctrlCReachesTheCommandAndHeraldOutlivesItToReport() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid for a process group of its own");
        try (HubFixture f = new HubFixture()) {
            // Its own process group, as a terminal's foreground job: Ctrl-C is SIGINT to the whole group.
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/setsid", ServerProcess.java(), "-jar", ServerProcess.jar().toString(), "run", "--",
                    "sleep", "60");
            pb.environment().put("HERALD_HOME", f.home().toString());
            try (ServerProcess run = ServerProcess.start(pb)) {
                long deadline = System.nanoTime() + HubFixture.WAIT.toNanos();
                while (run.process().descendants().noneMatch(p -> p.info().command().orElse("").endsWith("sleep"))) {
                    assertTrue(System.nanoTime() < deadline, "sleep did not start");
                    Thread.onSpinWait();
                }
                long group = run.process().pid(); // setsid made it the leader of a new group
                assertEquals(0, new ProcessBuilder("kill", "-INT", "--", "-" + group).start().waitFor());
                assertEquals(130, run.exit(HubFixture.WAIT), run.stderr());
            }
            JsonNode e = lastEvent(f);
            assertTrue(e.path("body").asText().startsWith("`sleep 60` was killed by signal 2 (SIGINT) (exit 130) after "), e.path("body").asText());
        }
    }

    @Test
    void noCommandOrOneThatCannotStartIsToldOnStandardError() throws Exception {
        try (HubFixture f = new HubFixture()) {
            HubFixture.Result usage = f.cli("run", "sleep", "1");
            assertEquals(2, usage.exit());
            assertTrue(usage.err().contains("--"), usage.err());
            assertEquals(2, f.cli("run", "--topic", "bad topic", "--", "true").exit(), "a bad topic is told before the command runs");
            HubFixture.Result missing = f.cli("run", "--", "/no/such/command");
            assertEquals(127, missing.exit());
            assertTrue(missing.err().contains("cannot start /no/such/command"), missing.err());
        }
    }
}
