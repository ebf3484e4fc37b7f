package dev.herald.ingress;

import com.sun.net.httpserver.Headers;
import dev.herald.event.Priority;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signed webhook source from sources.json, by the scheme it signs with. Immutable; checked on
 * the request's thread. The headers are checked before the body is read ({@link #delivery}), the
 * signature over the body after ({@link #signed}); either failing is the same 401.
 */
sealed interface Source {
    String name();

    /** Topic of its events: the configured one, else the source's name. */
    String topic();

    Priority priority();

    /** What the headers of one delivery say: its id (the dedup key's end), timestamp, signature header, and event type if any. */
    record Delivery(String id, String timestamp, String signature, String event) {}

    Delivery delivery(Headers headers, Instant now, Duration tolerance) throws Refusal;

    boolean signed(Delivery delivery, byte[] body);

    /** Standard Webhooks: webhook-id, webhook-timestamp (unix seconds), webhook-signature {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}. */
    record Standard(String name, String topic, Priority priority, byte[] key) implements Source {
        @Override
        public Delivery delivery(Headers h, Instant now, Duration tolerance) throws Refusal {
            String id = h.getFirst("webhook-id");
            String timestamp = h.getFirst("webhook-timestamp");
            String signature = h.getFirst("webhook-signature");
            if (id == null || id.isBlank() || timestamp == null || signature == null) {
                throw Refusal.unauthorized();
            }
            long seconds;
            try {
                seconds = Long.parseLong(timestamp.trim());
            } catch (NumberFormatException e) {
                throw Refusal.unauthorized();
            }
            if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
                throw Refusal.unauthorized(); // stale or from the future: a replay outside the window
            }
            return new Delivery(id.trim(), timestamp.trim(), signature, null);
        }

        @Override
        public boolean signed(Delivery d, byte[] body) {
            byte[] prefix = (d.id() + "." + d.timestamp() + ".").getBytes(StandardCharsets.UTF_8);
            byte[] expected = hmac(key, prefix, body);
            boolean any = false;
            for (String candidate : d.signature().trim().split(" +")) { // several while a secret is being rotated
                if (candidate.startsWith("v1,")) {
                    try {
                        any |= MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)));
                    } catch (IllegalArgumentException e) {
                        // not base64: not a match
                    }
                }
            }
            return any;
        }
    }

    /** GitHub: X-Hub-Signature-256 {@code sha256=<hex HMAC-SHA256 of the body>}, X-GitHub-Delivery, X-GitHub-Event. */
    record GitHub(String name, String topic, Priority priority, byte[] key) implements Source {
        @Override
        public Delivery delivery(Headers h, Instant now, Duration tolerance) throws Refusal {
            String id = h.getFirst("X-GitHub-Delivery");
            String signature = h.getFirst("X-Hub-Signature-256");
            String event = h.getFirst("X-GitHub-Event");
            if (id == null || id.isBlank() || signature == null || !signature.startsWith("sha256=") || event == null || event.isBlank()) {
                throw Refusal.unauthorized();
            }
            return new Delivery(id.trim(), null, signature.substring(7).trim(), event.trim());
        }

        @Override
        public boolean signed(Delivery d, byte[] body) {
            try {
                return MessageDigest.isEqual(hmac(key, new byte[0], body), HexFormat.of().parseHex(d.signature()));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
