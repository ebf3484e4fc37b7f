package dev.herald.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.Event;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.Hub;
import dev.herald.hub.HubSettings;
import dev.herald.journal.JournalException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real hub in this JVM on a temporary HERALD_HOME, with the real HTTP listener on a free
 * loopback port and a JDK HttpClient to talk to it. Used from one test thread (the client is thread-safe).
 */
final class Listener implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);

    final HeraldHome home;
    final Hub hub;
    final Ingress ingress;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(WAIT).build();
    final String token;

    Listener(Path dir, IngressSettings settings) throws Exception {
        this(dir, settings, HubSettings.DEFAULT);
    }

    Listener(Path dir, IngressSettings settings, HubSettings hubSettings) throws Exception {
        home = HeraldHome.open(dir.resolve("home"));
        hub = Hub.start(home, hubSettings, Instant::now);
        try {
            ingress = Ingress.start(hub, home, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), settings, Instant::now);
        } catch (IOException | RuntimeException e) {
            hub.close();
            throw e;
        }
        token = Ingress.token(home);
    }

    /** Settings as shipped, but quicker deadlines and heartbeats for the tests that wait on them. */
    static IngressSettings quick() {
        IngressSettings d = IngressSettings.DEFAULT;
        return new IngressSettings(d.maxRequests(), Duration.ofMillis(300), d.maxBodyBytes(), Duration.ofMillis(600), Duration.ofMillis(200),
                d.tolerance());
    }

    int port() {
        return ingress.address().getPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(WAIT);
    }

    HttpRequest.Builder authed(String pathAndQuery) {
        return request(pathAndQuery).header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST with the bearer token. */
    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder r = authed(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            r.headers(headers);
        }
        return send(r);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(authed(path).GET());
    }

    void sources(String json) throws IOException {
        Files.writeString(Sources.path(home), json);
    }

    List<Event> journal() throws JournalException {
        return hub.journal().read(0, 100_000);
    }

    Event stored(HttpResponse<String> accepted) throws Exception {
        Event e = hub.journal().find(dev.herald.event.EventId.parse(JSON.readTree(accepted.body()).path("id").asText()));
        if (e == null) {
            throw new AssertionError("not in the journal: " + accepted.body());
        }
        return e;
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Standard Webhooks: v1,base64(HMAC-SHA256(key, id.timestamp.body)). */
    static String standardSignature(byte[] key, String id, long timestamp, String body) throws Exception {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
    }

    /** GitHub: sha256=hex(HMAC-SHA256(secret, body)). */
    static String githubSignature(String secret, String body) throws Exception {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        ingress.close();
        hub.close();
        http.close();
    }
}
