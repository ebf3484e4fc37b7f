package dev.herald.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.event.Event;
import dev.herald.event.Priority;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.Hub;
import dev.herald.hub.HubSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed webhooks: Standard Webhooks and GitHub signatures computed here, valid, wrong, stale and replayed. */
class SignedSourcesTest {
    static final byte[] KEY = "a standard webhooks key, 32 byte".getBytes(StandardCharsets.UTF_8);
    static final String SOURCES = "[{\"name\":\"billing\",\"type\":\"standard\",\"secret\":\"whsec_" + Base64.getEncoder().encodeToString(KEY)
            + "\",\"priority\":\"high\"},{\"name\":\"raw\",\"type\":\"standard\",\"secret\":\"plain secret\",\"topic\":\"ops\"},"
            + "{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"gh-secret\",\"topic\":\"ci\"}]";

    @TempDir
    Path dir;

    private Listener listener() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home").resolve("sources.json"), SOURCES);
        return new Listener(dir, IngressSettings.DEFAULT);
    }

    private static HttpResponse<String> standard(Listener l, String source, String id, long timestamp, String signature, String body)
            throws Exception {
        return l.send(l.request("/v1/sources/" + source).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature));
    }

    private static HttpResponse<String> github(Listener l, String event, String delivery, String signature, String body) throws Exception {
        return l.send(l.request("/v1/sources/gh").POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery).header("X-Hub-Signature-256", signature));
    }

    @Test
    void aStandardWebhookIsStoredOnceAndItsReplayAcknowledgedWithTheSameId() throws Exception {
        try (Listener l = listener()) {
            String body = "{\"type\":\"invoice.paid\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"amount\":42}}";
            long now = Instant.now().getEpochSecond();
            HttpResponse<String> first = standard(l, "billing", "msg_1", now, Listener.standardSignature(KEY, "msg_1", now, body), body);
            assertEquals(202, first.statusCode(), first.body());
            Event e = l.stored(first);
            assertEquals("webhook:billing", e.sender());
            assertEquals("billing", e.topic(), "no topic configured: the source's name");
            assertEquals(Priority.HIGH, e.priority());
            assertEquals("invoice.paid", e.body());
            assertEquals("billing:msg_1", e.dedupKey());
            assertEquals("msg_1", e.data().path("webhookId").asText());
            assertEquals(Listener.JSON.readTree(body), e.data().path("payload"));
            HttpResponse<String> replay = standard(l, "billing", "msg_1", now, Listener.standardSignature(KEY, "msg_1", now, body), body);
            assertEquals(202, replay.statusCode());
            assertEquals(Listener.json(first).path("id"), Listener.json(replay).path("id"));
            assertEquals(1, l.journal().size(), "a replay is acknowledged, not stored again");
        }
    }

    @Test
    void aWrongStaleOrMissingStandardSignatureIsTheSame401() throws Exception {
        try (Listener l = listener()) {
            String body = "{\"type\":\"x\"}";
            long now = Instant.now().getEpochSecond();
            String good = Listener.standardSignature(KEY, "msg_2", now, body);
            HttpResponse<String> ok = standard(l, "billing", "msg_2", now, "v1,bm90IGl0 " + good, body);
            assertEquals(202, ok.statusCode(), "any of several signatures (a secret in rotation) will do");
            assertEquals(202, standard(l, "billing", "msg_9", now - 270, Listener.standardSignature(KEY, "msg_9", now - 270, body), body).statusCode(),
                    "within five minutes");
            List<HttpResponse<String>> refused = List.of(
                    standard(l, "billing", "msg_3", now, Listener.standardSignature("another key".getBytes(StandardCharsets.UTF_8), "msg_3", now, body), body),
                    standard(l, "billing", "msg_3", now, Listener.standardSignature(KEY, "msg_3", now, body), body + " "),
                    standard(l, "billing", "msg_4", now, Listener.standardSignature(KEY, "msg_3", now, body), body),
                    standard(l, "billing", "msg_5", now - 330, Listener.standardSignature(KEY, "msg_5", now - 330, body), body),
                    standard(l, "billing", "msg_6", now + 330, Listener.standardSignature(KEY, "msg_6", now + 330, body), body),
                    standard(l, "billing", "msg_7", now, "v2," + good.substring(3), body),
                    standard(l, "nosuch", "msg_8", now, Listener.standardSignature(KEY, "msg_8", now, body), body),
                    l.send(l.request("/v1/sources/billing").POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")),
                    l.post("/v1/sources/billing", "application/json", body)); // the bearer token is not a signature
            for (HttpResponse<String> r : refused) {
                assertEquals(401, r.statusCode(), r.body());
                assertEquals(refused.get(0).body(), r.body());
            }
            assertEquals(2, l.journal().size());
        }
    }

    @Test
    void aRawStandardSecretIsItsOwnBytes() throws Exception {
        try (Listener l = listener()) {
            long now = Instant.now().getEpochSecond();
            String body = "{\"hello\":1}";
            HttpResponse<String> r = standard(l, "raw", "m", now, Listener.standardSignature("plain secret".getBytes(StandardCharsets.UTF_8), "m", now, body), body);
            assertEquals(202, r.statusCode(), r.body());
            Event e = l.stored(r);
            assertEquals("ops", e.topic());
            assertEquals("webhook from raw", e.body());
        }
    }

    @Test
    void aGitHubDeliveryIsStoredOnceWithItsEventAndAOneLineSummary() throws Exception {
        String push = "{\"ref\":\"refs/heads/main\",\"pusher\":{\"name\":\"ada\"},\"repository\":{\"full_name\":\"octo/app\"},"
                + "\"commits\":[{},{}],\"head_commit\":{\"message\":\"Fix the flaky test\\n\\nLong story.\"}}";
        try (Listener l = listener()) {
            HttpResponse<String> first = github(l, "push", "d-1", Listener.githubSignature("gh-secret", push), push);
            assertEquals(202, first.statusCode(), first.body());
            Event e = l.stored(first);
            assertEquals("webhook:gh", e.sender());
            assertEquals("ci", e.topic());
            assertEquals("ada pushed 2 commits to main in octo/app: Fix the flaky test", e.body());
            assertEquals("push", e.data().path("githubEvent").asText());
            assertEquals("d-1", e.data().path("githubDelivery").asText());
            assertEquals("gh:d-1", e.dedupKey());
            assertEquals(Listener.JSON.readTree(push), e.data().path("payload"));
            HttpResponse<String> replay = github(l, "push", "d-1", Listener.githubSignature("gh-secret", push), push);
            assertEquals(Listener.json(first).path("id"), Listener.json(replay).path("id"));
            for (HttpResponse<String> bad : List.of(github(l, "push", "d-2", Listener.githubSignature("wrong", push), push),
                    github(l, "push", "d-2", Listener.githubSignature("gh-secret", push + "\n"), push),
                    github(l, "push", "d-2", "sha1=" + Listener.githubSignature("gh-secret", push).substring(7), push),
                    github(l, "push", "d-2", "sha256=zz", push))) {
                assertEquals(401, bad.statusCode());
            }
            HttpResponse<String> form = l.send(l.request("/v1/sources/gh").POST(HttpRequest.BodyPublishers.ofString("payload=x"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "d-3")
                    .header("X-Hub-Signature-256", Listener.githubSignature("gh-secret", "payload=x")));
            assertEquals(415, form.statusCode());
            assertEquals(1, l.journal().size());
        }
    }

    @Test
    void gitHubWorkflowRunsPullRequestsAndOtherEventsGetTheirLine() throws Exception {
        String run = "{\"action\":\"completed\",\"workflow_run\":{\"name\":\"CI\",\"conclusion\":\"failure\",\"head_branch\":\"main\"},"
                + "\"repository\":{\"full_name\":\"octo/app\"}}";
        String pr = "{\"action\":\"closed\",\"number\":12,\"pull_request\":{\"title\":\"Add ingress\",\"merged\":true,\"user\":{\"login\":\"ada\"}},"
                + "\"repository\":{\"full_name\":\"octo/app\"}}";
        String issue = "{\"action\":\"opened\",\"repository\":{\"full_name\":\"octo/app\"}}";
        try (Listener l = listener()) {
            assertEquals("Workflow CI completed: failure on main in octo/app",
                    l.stored(github(l, "workflow_run", "w", Listener.githubSignature("gh-secret", run), run)).body());
            assertEquals("Pull request #12 merged in octo/app: Add ingress (ada)",
                    l.stored(github(l, "pull_request", "p", Listener.githubSignature("gh-secret", pr), pr)).body());
            assertEquals("GitHub issues opened in octo/app", l.stored(github(l, "issues", "i", Listener.githubSignature("gh-secret", issue), issue)).body());
        }
    }

    @Test
    void anEditedSourcesFileAppliesAtOnceAndABadOneKeepsThePrevious() throws Exception {
        try (Listener l = listener()) {
            String body = "{\"action\":\"ping\"}";
            l.sources("[{\"name\":\"gh\",\"type\":\"github\",\"secret\":\"new-secret\"}]");
            assertEquals(401, github(l, "ping", "a", Listener.githubSignature("gh-secret", body), body).statusCode());
            assertEquals(202, github(l, "ping", "b", Listener.githubSignature("new-secret", body), body).statusCode());
            l.sources("[{\"name\":\"gh\",\"type\":\"gitlab\",\"secret\":\"x\", \"extra\": 1}]");
            assertEquals(202, github(l, "ping", "c", Listener.githubSignature("new-secret", body), body).statusCode());
        }
    }

    @Test
    void anUnusableSourcesFileStopsTheListenerFromStartingWithoutQuotingASecret() throws Exception {
        HeraldHome home = HeraldHome.open(dir.resolve("home"));
        try (Hub hub = Hub.start(home, HubSettings.DEFAULT, Instant::now)) {
            for (String bad : List.of("{\"name\":\"x\"}", "[{\"name\":\"x\",\"type\":\"github\"}]", "[{\"name\":\"a b\",\"type\":\"github\",\"secret\":\"s\"}]",
                    "[{\"name\":\"x\",\"type\":\"github\",\"secret\":\"s\",\"secert\":\"t\"}]",
                    "[{\"name\":\"x\",\"type\":\"standard\",\"secret\":\"whsec_!!!\"}]",
                    "[{\"name\":\"x\",\"type\":\"github\",\"secret\":\"s\"},{\"name\":\"x\",\"type\":\"github\",\"secret\":\"t\"}]",
                    "[{\"name\":\"x\",\"type\":\"github\",\"secret\":\"TOPSECRET\",\"priority\":\"max\"}]", "[{\"secret\":\"TOPSECRET\" oops")) {
                Files.writeString(Sources.path(home), bad);
                IOException e = assertThrows(IOException.class, () -> Ingress.start(hub, home,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), bad);
                assertTrue(e.getMessage().contains("sources.json"), e.getMessage());
                assertTrue(!e.getMessage().contains("TOPSECRET"), e.getMessage());
            }
        }
    }
}
