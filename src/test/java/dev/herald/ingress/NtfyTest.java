package dev.herald.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.event.Priority;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing in ntfy's style: the body is the message; title, priority and tags as headers or query parameters. */
class NtfyTest {
    @TempDir
    Path dir;

    @Test
    void aPlainPostIsOneEventOnItsTopicAnsweredAsNtfyDoes() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            HttpResponse<String> r = l.post("/backups", "application/x-www-form-urlencoded", "Backup done"); // what curl -d sends
            assertEquals(200, r.statusCode(), r.body());
            JsonNode answer = Listener.json(r);
            assertEquals("message", answer.path("event").asText());
            assertEquals("backups", answer.path("topic").asText());
            assertEquals("Backup done", answer.path("message").asText());
            Event e = l.stored(r);
            assertEquals("backups", e.topic());
            assertEquals("Backup done", e.body());
            assertEquals(Priority.NORMAL, e.priority());
            assertNull(e.title());
            assertNull(e.data());
            assertEquals("http:token", e.sender());
            assertTrue(Math.abs(answer.path("time").asLong() - e.time().getEpochSecond()) <= 1, "ntfy's time: unix seconds");
            Event put = l.stored(l.send(l.authed("/deploy/web").PUT(HttpRequest.BodyPublishers.ofString("shipped\n"))));
            assertEquals("deploy/web", put.topic());
            assertEquals("shipped", put.body(), "one trailing newline is not part of the message");
        }
    }

    @Test
    void titlePriorityAndTagsComeFromHeadersWithOrWithoutX() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            Event plain = l.stored(l.post("/alerts", "text/plain", "disk 91%", "Title", "Disk", "Priority", "urgent", "Tags", "warning, disk"));
            assertEquals("Disk", plain.title());
            assertEquals(Priority.URGENT, plain.priority());
            assertEquals(List.of("warning", "disk"), tags(plain));
            Event x = l.stored(l.post("/alerts", "text/plain", "disk 50%", "X-Title", "Disk", "X-Priority", "2", "X-Tags", "ok"));
            assertEquals("Disk", x.title());
            assertEquals(Priority.LOW, x.priority());
            assertEquals(List.of("ok"), tags(x));
            try (Raw raw = new Raw(l.port(), Listener.WAIT)) { // HttpClient sends only ASCII in headers; curl sends the bytes
                raw.head("POST", "/alerts", "Authorization: Bearer " + l.token, "Title: Dísk ✓", "Content-Length: 2", "Connection: close");
                raw.write("hi".getBytes(StandardCharsets.UTF_8));
                assertEquals(200, raw.status());
            }
            assertEquals("Dísk ✓", l.journal().getLast().title(), "a header's UTF-8 bytes are read as UTF-8");
        }
    }

    @Test
    void titlePriorityAndTagsComeFromTheQueryAndAHeaderWins() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            Event q = l.stored(l.post("/alerts?title=Nightly%20job&priority=high&tags=cron,db", "text/plain", "job failed"));
            assertEquals("Nightly job", q.title());
            assertEquals(Priority.HIGH, q.priority());
            assertEquals(List.of("cron", "db"), tags(q));
            Event both = l.stored(l.post("/alerts?title=from-query&priority=min", "text/plain", "x", "Title", "from-header"));
            assertEquals("from-header", both.title());
            assertEquals(Priority.LOW, both.priority());
        }
    }

    @Test
    void ntfysFiveLevelsMapOntoHeraldsFour() throws Exception {
        Map<String, Priority> levels = Map.ofEntries(Map.entry("1", Priority.LOW), Map.entry("min", Priority.LOW), Map.entry("2", Priority.LOW),
                Map.entry("low", Priority.LOW), Map.entry("3", Priority.NORMAL), Map.entry("default", Priority.NORMAL),
                Map.entry("4", Priority.HIGH), Map.entry("HIGH", Priority.HIGH), Map.entry("5", Priority.URGENT),
                Map.entry("urgent", Priority.URGENT), Map.entry("max", Priority.URGENT));
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            for (Map.Entry<String, Priority> level : levels.entrySet()) {
                assertEquals(level.getValue(), l.stored(l.post("/levels", "text/plain", "p " + level.getKey(), "Priority", level.getKey())).priority(),
                        level.getKey());
            }
            for (String bad : List.of("0", "6", "critical", "lowest")) {
                HttpResponse<String> r = l.post("/levels?priority=" + bad, "text/plain", "x");
                assertEquals(400, r.statusCode(), bad);
                assertTrue(Listener.json(r).path("error").asText().contains("unknown priority"), r.body());
            }
        }
    }

    @Test
    void aMessageOver64KiBIs413AndEmptyIs400() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            assertEquals(200, l.post("/big", "text/plain", "é".repeat(32 * 1024)).statusCode(), "64 KiB exactly");
            assertEquals(413, l.post("/big", "text/plain", "é".repeat(32 * 1024) + "x").statusCode());
            assertEquals(400, l.post("/big", "text/plain", " \n").statusCode());
            assertEquals(1, l.journal().size());
        }
    }

    @Test
    void aJsonPayloadIsKeptWholeInDataWithAOneLineBody() throws Exception {
        String alertmanager = """
                {"receiver":"herald","status":"firing","alerts":[
                  {"status":"firing","labels":{"alertname":"DiskFull","instance":"db1"},"annotations":{"summary":"Disk on db1 is 95% full\\nact now"}},
                  {"status":"firing","labels":{"alertname":"DiskFull","instance":"db2"},"annotations":{}}],
                 "groupLabels":{"alertname":"DiskFull"},"commonLabels":{"alertname":"DiskFull"},"commonAnnotations":{},
                 "externalURL":"http://am:9093","version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}"}""";
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            HttpResponse<String> r = l.post("/alerts?priority=high&tags=prod", "application/json", alertmanager);
            assertEquals(200, r.statusCode(), r.body());
            Event e = l.stored(r);
            assertEquals("[FIRING:2] DiskFull: Disk on db1 is 95% full", e.body());
            assertEquals(Priority.HIGH, e.priority());
            assertEquals(Listener.JSON.readTree(alertmanager), e.data().path("payload"), "kept whole");
            assertEquals(List.of("prod"), tags(e));
            Event typed = l.stored(l.post("/hooks", "application/json", "{\"type\":\"invoice.paid\",\"data\":{\"n\":1}}"));
            assertEquals("invoice.paid", typed.body(), "an unknown shape: its event type");
            assertEquals(400, l.post("/hooks", "application/json", "[\"not\",\"an object\"]").statusCode());
            String huge = "{\"x\":\"" + "a".repeat(70 * 1024) + "\"}";
            assertEquals(413, l.post("/hooks", "application/json", huge).statusCode(), "over what an event's data holds");
        }
    }

    @Test
    void aBodyIsReadAsUtf8() throws Exception {
        try (Listener l = new Listener(dir, IngressSettings.DEFAULT)) {
            Event e = l.stored(l.send(l.authed("/u").POST(HttpRequest.BodyPublishers.ofByteArray("Grüße 🚀".getBytes(StandardCharsets.UTF_8)))));
            assertEquals("Grüße 🚀", e.body());
        }
    }

    private static List<String> tags(Event e) {
        List<String> out = new java.util.ArrayList<>();
        e.data().path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }
}
