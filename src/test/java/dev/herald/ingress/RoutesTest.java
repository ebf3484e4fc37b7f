package dev.herald.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.event.Priority;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's routes, its bearer token and its plain errors, through a real listener on a free loopback port. */
class RoutesTest {
    @TempDir
    Path dir;

    @Test
    void healthNeedsNoTokenAndTellsNoSecret() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            HttpResponse<String> r = l.send(l.request("/healthz").GET());
            assertEquals(200, r.statusCode());
            assertEquals("ok", Listener.json(r).path("status").asText());
            assertFalse(r.body().contains(l.token) || r.body().contains(l.home.dir().toString()), r.body());
            assertEquals(405, l.send(l.request("/healthz").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        }
    }

    @Test
    void theTokenIsMadeOnceAt0600AndAMissingOrWrongOneGetsTheSame401() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            Path file = l.home.dir().resolve("token");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(l.token, Ingress.token(l.home), "made once, then read");
            assertTrue(l.token.length() >= 40);
            HttpResponse<String> none = l.send(l.request("/v1/events").POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}"))
                    .header("Content-Type", "application/json"));
            HttpResponse<String> wrong = l.send(l.request("/v1/events").POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\"}"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + l.token.substring(1) + "x"));
            HttpResponse<String> basic = l.send(l.request("/backups").POST(HttpRequest.BodyPublishers.ofString("x"))
                    .header("Authorization", "Basic " + l.token));
            for (HttpResponse<String> r : List.of(none, wrong, basic)) {
                assertEquals(401, r.statusCode());
                assertEquals(none.body(), r.body(), "one answer for every failure");
                assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
            }
            assertEquals(401, l.send(l.request("/v1/events").GET()).statusCode());
            assertEquals(401, l.send(l.request("/v1/events/stream").GET()).statusCode());
            assertTrue(l.journal().isEmpty());
        }
    }

    @Test
    void aRotatedTokenWorksAtOnceAndTheOldOneNoLonger() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            String old = l.token;
            String fresh = Ingress.rotateToken(l.home);
            assertNotEquals(old, fresh);
            assertEquals(fresh, Ingress.token(l.home));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(l.home.dir().resolve("token"))));
            assertEquals(401, l.send(l.request("/t").POST(HttpRequest.BodyPublishers.ofString("x")).header("Authorization", "Bearer " + old))
                    .statusCode());
            assertEquals(200, l.send(l.request("/t").POST(HttpRequest.BodyPublishers.ofString("x")).header("Authorization", "Bearer " + fresh))
                    .statusCode());
        }
    }

    @Test
    void aHeraldEventIsAcceptedWith202OnceDurableWithItsToAndDedupKey() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            String json = "{\"topic\":\"ci/build\",\"priority\":\"high\",\"title\":\"Build\",\"body\":\"green\",\"data\":{\"run\":7},"
                    + "\"to\":[\"alpha\",\"beta\"],\"dedupKey\":\"build-7\"}";
            HttpResponse<String> r = l.post("/v1/events", "application/json", json);
            assertEquals(202, r.statusCode(), r.body());
            JsonNode answer = Listener.json(r);
            assertEquals(List.of("id"), names(answer));
            Event e = l.stored(r);
            assertEquals("ci/build", e.topic());
            assertEquals(Priority.HIGH, e.priority());
            assertEquals("Build", e.title());
            assertEquals("green", e.body());
            assertEquals(7, e.data().path("run").asInt());
            assertEquals(List.of("alpha", "beta"), e.to());
            assertEquals("build-7", e.dedupKey());
            assertEquals("http:token", e.sender());
            HttpResponse<String> again = l.post("/v1/events", "application/json; charset=utf-8", json.replace("green", "green again"));
            assertEquals(202, again.statusCode());
            assertEquals(answer.path("id").asText(), Listener.json(again).path("id").asText(), "the same dedup key: the first id");
            assertEquals(1, l.journal().size());
        }
    }

    @Test
    void badRequestsGetTheirStatusAndAJsonError() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            record Case(int status, HttpResponse<String> response) {}
            List<Case> cases = List.of(
                    new Case(400, l.post("/v1/events", "application/json", "{not json")),
                    new Case(400, l.post("/v1/events", "application/json", "{\"body\":\"x\",\"priority\":\"bogus\"}")),
                    new Case(400, l.post("/v1/events", "application/json", "{\"body\":\"  \"}")),
                    new Case(400, l.post("/v1/events", "application/json", "[1,2]")),
                    new Case(400, l.post("/v1/events", "application/json", "{\"body\":\"x\",\"body\":\"y\"}")),
                    new Case(400, l.post("/v1/events", "application/json", "")),
                    new Case(400, l.post("/backups", "text/plain", "")),
                    new Case(400, l.post("/backups", "text/plain", "x", "Priority", "9")),
                    new Case(400, l.send(l.authed("/backups").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xC3, 0x28})))),
                    new Case(400, l.get("/v1/events?since=nope")),
                    new Case(400, l.get("/v1/events?limit=0")),
                    new Case(404, l.get("/v1/nothing")),
                    new Case(404, l.post("/v1/sourcesx", "text/plain", "x")),
                    new Case(404, l.post("/has%20space", "text/plain", "x")),
                    new Case(404, l.post("/", "text/plain", "x")),
                    new Case(405, l.send(l.authed("/v1/events").DELETE())),
                    new Case(405, l.get("/backups")),
                    new Case(405, l.get("/v1/sources/gh")),
                    new Case(415, l.post("/v1/events", "text/plain", "{\"body\":\"x\"}")),
                    new Case(415, l.post("/v1/events", null, "{\"body\":\"x\"}")),
                    new Case(415, l.post("/backups", "application/octet-stream", "x")),
                    new Case(415, l.post("/backups", "multipart/form-data; boundary=x", "x")));
            for (Case c : cases) {
                assertEquals(c.status(), c.response().statusCode(), c.response().request().method() + " " + c.response().uri() + " " + c.response().body());
                assertTrue(c.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
                assertTrue(Listener.json(c.response()).path("error").isTextual(), c.response().body());
            }
            assertEquals("POST", l.get("/v1/sources/gh").headers().firstValue("Allow").orElse(""));
            assertEquals("GET, POST", l.send(l.authed("/v1/events").DELETE()).headers().firstValue("Allow").orElse(""));
            assertTrue(l.journal().isEmpty(), "nothing refused was stored");
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
