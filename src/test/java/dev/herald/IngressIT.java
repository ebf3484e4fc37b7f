package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.testing.HubFixture;
import dev.herald.testing.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The HTTP listener end to end through the real launcher: {@code herald hub --listen} on a free
 * loopback port, a stdio session on the same HERALD_HOME, and publishers from outside (curl when
 * the machine has it).
 */
class IngressIT {
    private static final Duration WAIT = HubFixture.WAIT;
    private static final String SECRET = "it-github-secret";
    /** A status and body, from curl or HttpClient. */
    private record Answer(int status, String body) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code herald hub} with these arguments and returns once it prints its listener's address. */
    private static ServerProcess hub(HubFixture f, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("hub"));
        all.addAll(args);
        ServerProcess hub = f.launch(all);
        while (true) {
            String line = hub.line(WAIT);
            if (line.startsWith("HTTP listener on http://")) {
                return hub;
            }
        }
    }

    /** What {@code curl -d BODY -H "Authorization: Bearer TOKEN" 127.0.0.1:PORT/TOPIC} does, by curl itself where there is one. */
    private Answer curlStyle(int port, String token, String topic, String body) throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
            Process curl = new ProcessBuilder("/usr/bin/curl", "-s", "-w", "\n%{http_code}", "-d", body, "-H", "Authorization: Bearer " + token,
                    "127.0.0.1:" + port + "/" + topic).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, curl.waitFor());
            int nl = out.lastIndexOf('\n');
            return new Answer(Integer.parseInt(out.substring(nl + 1).trim()), out.substring(0, nl));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + topic)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private HttpResponse<String> github(int port, String delivery, String signature, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/sources/github")).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery).header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCurlPostAndASignedGitHubDeliveryEachReachARunningSessionOnce() throws Exception {
        try (HubFixture f = new HubFixture()) {
            Files.writeString(f.home().resolve("sources.json"), "[{\"name\":\"github\",\"type\":\"github\",\"secret\":\"" + SECRET + "\",\"topic\":\"ci\"}]");
            int port = freePort();
            hub(f, List.of("--listen", "127.0.0.1:" + port));
            ServerProcess session = f.session("e2e", "it-client");
            awaitSession(f);
            HubFixture.Result token = f.cli("token");
            assertEquals(0, token.exit(), token.err());
            Answer posted = curlStyle(port, token.out().trim(), "backups", "Backup done");
            assertEquals(200, posted.status(), posted.body());
            JsonNode event = HubFixture.nextEvent(session, d -> true).path("params");
            assertEquals("event/backups", event.path("logger").asText());
            assertEquals("Backup done", event.path("data").path("body").asText());
            assertEquals("http:token", event.path("data").path("sender").asText());
            assertEquals(HubFixture.JSON.readTree(posted.body()).path("id").asText(), event.path("data").path("id").asText());

            String push = "{\"ref\":\"refs/heads/main\",\"pusher\":{\"name\":\"ada\"},\"repository\":{\"full_name\":\"octo/app\"},\"commits\":[{}],"
                    + "\"head_commit\":{\"message\":\"Ship it\"}}";
            HttpResponse<String> delivered = github(port, "gh-1", sign(SECRET, push), push);
            assertEquals(202, delivered.statusCode(), delivered.body());
            HttpResponse<String> replayed = github(port, "gh-1", sign(SECRET, push), push);
            assertEquals(202, replayed.statusCode());
            assertEquals(HubFixture.JSON.readTree(delivered.body()).path("id"), HubFixture.JSON.readTree(replayed.body()).path("id"));
            assertEquals(401, github(port, "gh-2", sign("not the secret", push), push).statusCode());
            String marker = f.send("marker");
            JsonNode gh = HubFixture.nextEvent(session, d -> true).path("params").path("data");
            assertEquals("ada pushed 1 commit to main in octo/app: Ship it", gh.path("body").asText());
            assertEquals("webhook:github", gh.path("sender").asText());
            assertEquals("push", gh.path("data").path("githubEvent").asText());
            assertEquals(marker, HubFixture.nextEvent(session, d -> true).path("params").path("data").path("id").asText(),
                    "the replay and the bad signature were not delivered");

            String rotated = f.cli("token", "--rotate").out().trim();
            assertNotEquals(token.out().trim(), rotated);
            assertEquals(401, curlStyle(port, token.out().trim(), "backups", "old token").status());
            assertEquals(200, curlStyle(port, rotated, "backups", "new token").status());
            assertEquals("new token", HubFixture.nextEvent(session, d -> true).path("params").path("data").path("body").asText());
        }
    }

    @Test
    void anAddressBeyondLoopbackIsRefusedUnlessListenPublicAndThenWarned() throws Exception {
        try (HubFixture f = new HubFixture()) {
            HubFixture.Result refused = f.cli("hub", "--listen", "0.0.0.0:" + freePort());
            assertEquals(2, refused.exit());
            assertTrue(refused.err().contains("--listen-public"), refused.err());
            ProcessBuilder env = new ProcessBuilder(ServerProcess.java(), "-jar", ServerProcess.jar().toString(), "hub", "--listen-public");
            env.environment().put("HERALD_HOME", f.home().toString());
            env.environment().put("HERALD_LISTEN", "0.0.0.0:0");
            try (ServerProcess open = ServerProcess.start(env)) {
                String line;
                do {
                    line = open.line(WAIT);
                } while (!line.startsWith("HTTP listener on http://"));
                assertTrue(line.startsWith("HTTP listener on http://0.0.0.0:"), line);
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!open.stderr().contains("warning") && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertTrue(open.stderr().contains("herald hub: warning: the HTTP listener on 0.0.0.0:"), open.stderr());
                int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
            }
        }
    }

    /** Waits until the hub lists a session that has told it its client. */
    private static void awaitSession(HubFixture f) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HubFixture.Result r = f.cli("sessions", "--json");
            if (r.exit() == 0 && r.out().contains("\"it-client\"")) {
                return;
            }
        }
        throw new AssertionError("the session did not attach");
    }
}
