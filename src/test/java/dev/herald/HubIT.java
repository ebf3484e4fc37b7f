package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.HubClient;
import dev.herald.hub.HubException;
import dev.herald.hub.HubMethods;
import dev.herald.testing.HubFixture;
import dev.herald.testing.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The hub through the real launcher: stdio sessions, the CLI and hub hand-over, each test in a
 * temporary HERALD_HOME. Asserts what each session's stdout carries.
 */
class HubIT {
    private static final Duration WAIT = HubFixture.WAIT;

    @Test
    void anEventSentFromAnotherShellReachesEverySessionAndToReachesOnlyItsInbox() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess a = hub.session("a", "it-client");
            ServerProcess b = hub.session("b", "it-client");
            ServerProcess c = hub.session("c", "it-client");
            hub.awaitSessions(3);
            String id = hub.send("--topic", "ci", "--priority", "high", "--title", "Build", "Build finished on main");
            for (ServerProcess s : List.of(a, b, c)) {
                JsonNode line = HubFixture.nextEvent(s, d -> true);
                JsonNode params = line.path("params");
                assertEquals("warning", params.path("level").asText());
                assertEquals("event/ci", params.path("logger").asText());
                assertEquals(id, params.path("data").path("id").asText());
                assertEquals("Build finished on main", params.path("data").path("body").asText());
                assertEquals("Build", params.path("data").path("title").asText());
                assertTrue(params.path("data").path("sender").asText().startsWith("cli:"));
            }
            String onlyB = hub.send("--to", "b", "only for b");
            String marker = hub.send("marker");
            assertEquals(onlyB, HubFixture.nextEvent(b, d -> true).path("params").path("data").path("id").asText());
            for (ServerProcess s : List.of(a, c)) {
                assertEquals(marker, HubFixture.nextEvent(s, d -> true).path("params").path("data").path("id").asText(), "to b skipped it");
            }
            HubFixture.Result waited = hub.cli("send", "--wait", "10", "are you there?");
            assertEquals(0, waited.exit(), waited.err());
            assertTrue(waited.out().contains("delivered to session"), waited.out());
            JsonNode sessions = HubFixture.JSON.readTree(hub.cli("sessions", "--json").out());
            assertEquals(3, sessions.size());
            for (JsonNode s : sessions) {
                assertEquals("it-client", s.path("client").path("name").asText());
                assertEquals("log", s.path("route").asText());
                assertTrue(s.path("delivered").asLong() >= 2, s.toString());
            }
        }
    }

    @Test
    void anEventSentWithNoHeraldRunningWaitsForItsInboxAndOnlyWhatWasMissedIsReplayed() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            String early = hub.send("--to", "later", "sent while nothing ran");
            assertTrue(Files.list(hub.home().resolve("journal")).findAny().isPresent());
            ServerProcess first = hub.session("later", "it-client");
            assertEquals(early, HubFixture.nextEvent(first, d -> true).path("params").path("data").path("id").asText());
            first.closeStdin();
            assertEquals(0, first.exit(WAIT));
            String missed1 = hub.send("--to", "later", "missed one");
            String missed2 = hub.send("missed two");
            ServerProcess second = hub.session("later", "it-client");
            assertEquals(missed1, HubFixture.nextEvent(second, d -> true).path("params").path("data").path("id").asText());
            assertEquals(missed2, HubFixture.nextEvent(second, d -> true).path("params").path("data").path("id").asText());
        }
    }

    @Test
    void aRepeatedDedupKeyIsAcknowledgedWithTheFirstIdAndNotDeliveredAgain() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess s = hub.session("d", "it-client");
            hub.awaitSessions(1);
            String first = hub.send("--dedup", "backup-42", "backup done");
            String second = hub.send("--dedup", "backup-42", "backup done again");
            assertEquals(first, second);
            String marker = hub.send("marker");
            assertEquals(first, HubFixture.nextEvent(s, d -> true).path("params").path("data").path("id").asText());
            assertEquals(marker, HubFixture.nextEvent(s, d -> true).path("params").path("data").path("id").asText());
        }
    }

    @Test
    void badInputOnTheCommandLineExitsTwoWithOneLine() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            for (String[] bad : new String[][] {{"send", "--priority", "bogus", "x"}, {"send", "--data", "{not json", "x"}, {"send", ""},
                    {"send", "x".repeat(70_000)}}) {
                HubFixture.Result r = hub.cli(bad);
                assertEquals(2, r.exit(), String.join(" ", bad).substring(0, Math.min(40, String.join(" ", bad).length())));
                assertEquals(1, r.err().lines().count(), r.err());
                assertEquals("", r.out());
            }
        }
    }

    @Test
    void killingTheHubWhileTenSendersPublishLosesAndDuplicatesNothing() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess first = hub.session("k0", "it-client");
            hub.awaitSessions(1);
            ServerProcess s1 = hub.session("k1", "it-client");
            ServerProcess s2 = hub.session("k2", "it-client");
            hub.awaitSessions(3);
            assertEquals(first.process().pid(), hubPid(hub), "the first session is the hub");
            HeraldHome home = HeraldHome.open(hub.home());
            List<String> acked = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch halfway = new CountDownLatch(50);
            AtomicInteger failures = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 10; t++) {
                String name = "sender" + t;
                senders.add(Thread.ofPlatform().start(() -> {
                    try (HubClient client = HubClient.start(home, new HubClient.Hello("session", name, name), quiet())) {
                        for (int i = 0; i < 20; i++) {
                            JsonNode r = client.request(HubMethods.PUBLISH, Map.of("event", Map.of("body", name + " #" + i),
                                    "nonce", UUID.randomUUID().toString()), WAIT);
                            acked.add(r.path("id").asText());
                            halfway.countDown();
                        }
                    } catch (HubException | InterruptedException e) {
                        failures.incrementAndGet();
                    }
                }));
            }
            assertTrue(halfway.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            long killed = System.nanoTime();
            first.process().destroyForcibly();
            long newHub = awaitNewHub(hub, first.process().pid());
            System.out.printf("hub hand-over after kill -9: %.1f ms%n", (newHub - killed) / 1e6);
            assertTrue(newHub - killed < Duration.ofSeconds(2).toNanos(), "a new hub took over");
            for (Thread t : senders) {
                t.join(WAIT.toMillis());
            }
            assertEquals(0, failures.get());
            assertEquals(200, acked.size());
            assertEquals(200, new HashSet<>(acked).size(), "no two acknowledgements name the same event");
            String marker = hub.send("marker");
            for (ServerProcess s : List.of(s1, s2)) {
                List<String> seen = new ArrayList<>();
                while (true) {
                    String id = HubFixture.nextEvent(s, d -> true).path("params").path("data").path("id").asText();
                    if (id.equals(marker)) {
                        break;
                    }
                    seen.add(id);
                }
                assertEquals(new HashSet<>(seen).size(), seen.size(), "a session got an event twice");
                assertTrue(new HashSet<>(seen).containsAll(acked), "a session missed an acknowledged event");
                List<String> sorted = new ArrayList<>(seen);
                Collections.sort(sorted);
                assertEquals(sorted, seen, "events arrive in id order");
            }
        }
    }

    @Test
    void twoHeraldsStartingAtTheSameInstantElectExactlyOneHub() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess x = hub.launch(List.of("--inbox", "x"));
            ServerProcess y = hub.launch(List.of("--inbox", "y"));
            for (ServerProcess p : List.of(x, y)) {
                p.send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"race\",\"version\":\"1\"}}}");
                p.line(WAIT);
                p.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            }
            hub.awaitSessions(2);
            long hubs = List.of(x, y).stream().filter(p -> p.stderr().contains("serving on")).count();
            assertEquals(1, hubs, x.stderr() + "\n---\n" + y.stderr());
            assertTrue(Set.of(x.process().pid(), y.process().pid()).contains(hubPid(hub)));
        }
    }

    @Test
    void aGarbageOrOversizedLineOnTheSocketDropsOnlyThatClient() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            ServerProcess s = hub.session("g", "it-client");
            hub.awaitSessions(1);
            for (byte[] hostile : new byte[][] {"this is not json\n".getBytes(StandardCharsets.UTF_8),
                    ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hello\",\"params\":{\"x\":\"" + "A".repeat(2 << 20) + "\"}}\n")
                            .getBytes(StandardCharsets.UTF_8)}) {
                try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    raw.connect(UnixDomainSocketAddress.of(hub.home().resolve("hub.sock")));
                    OutputStream out = Channels.newOutputStream(raw);
                    InputStream in = Channels.newInputStream(raw);
                    try {
                        out.write(hostile);
                        out.flush();
                    } catch (IOException e) {
                        // the hub may close before reading it all: that is the point
                    }
                    byte[] answer = in.readAllBytes(); // ends when the hub drops us
                    assertTrue(answer.length < 400, "at most one error line before the drop");
                }
            }
            String id = hub.send("still serving");
            assertEquals(id, HubFixture.nextEvent(s, d -> true).path("params").path("data").path("id").asText());
        }
    }

    @Test
    void aFullDiskRefusesEventsAndAcknowledgesOnlyWhatIsStored() throws Exception {
        try (HubFixture hub = new HubFixture()) {
            java.nio.file.Path small = hub.home().resolve("small");
            Files.createDirectory(small);
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=300k,mode=0700", "tmpfs", small.toString())
                    .redirectErrorStream(true).start();
            Assumptions.assumeTrue(mount.waitFor() == 0, "needs root to mount a small tmpfs");
            try {
                List<String> stored = new ArrayList<>();
                String body = "x".repeat(60_000);
                HubFixture.Result last = null;
                for (int i = 0; i < 10; i++) {
                    List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", ServerProcess.jar().toString(), "send", body + i));
                    ProcessBuilder pb = new ProcessBuilder(command);
                    pb.environment().put("HERALD_HOME", small.toString());
                    Process p = pb.start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                    p.waitFor();
                    last = new HubFixture.Result(p.exitValue(), out, err);
                    if (p.exitValue() != 0) {
                        break;
                    }
                    stored.add(out);
                }
                assertEquals(1, last.exit(), "the disk filled up: " + last);
                assertTrue(last.err().contains("Not stored") || last.err().contains("No space left"), last.err()); // refused at the append, or already when the hub opens
                assertFalse(stored.isEmpty());
                ProcessBuilder pb = new ProcessBuilder(ServerProcess.java(), "-jar", ServerProcess.jar().toString(), "events", "--json");
                pb.environment().put("HERALD_HOME", small.toString());
                Process p = pb.start();
                List<String> journal = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(l -> Event.fromJson(readTree(l)).idText()).toList();
                p.waitFor();
                assertEquals(stored, journal, "every acknowledged event, and only those, is in the journal");
            } finally {
                new ProcessBuilder("umount", small.toString()).start().waitFor();
            }
        }
    }

    private static JsonNode readTree(String line) {
        try {
            return HubFixture.JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static HubClient.Listener quiet() {
        return new HubClient.Listener() {
            @Override
            public String lastSeen() {
                return null;
            }

            @Override
            public void onEvent(Event event) {}

            @Override
            public void onReplay(int skipped, String from, String to) {}
        };
    }

    private static long hubPid(HubFixture hub) throws IOException {
        return Long.parseLong(Files.readString(hub.home().resolve("hub.pid")).trim());
    }

    /** Waits until another process names itself the hub and accepts connections; returns System.nanoTime() then. */
    private static long awaitNewHub(HubFixture hub, long oldPid) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                if (hubPid(hub) != oldPid && probe.connect(UnixDomainSocketAddress.of(hub.home().resolve("hub.sock")))) {
                    return System.nanoTime();
                }
            } catch (IOException | NumberFormatException e) {
                // not yet
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no new hub");
    }
}
