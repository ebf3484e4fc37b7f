package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.ErrorCode;
import dev.herald.jsonrpc.Json;
import dev.herald.jsonrpc.RpcException;
import dev.herald.notify.Scheduler;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code requestState} of an {@code input_required} result (2026-07-28 MRTR): a payload
 * naming the request it belongs to (method, target and a digest of the arguments) and when it was
 * issued, sealed with HMAC-SHA256 under a key made at start-up and never written anywhere. A state
 * that was altered, belongs to another request, or is older than {@link #MAX_AGE} is refused.
 * Thread-safe: each call takes its own {@link Mac}.
 */
final class RequestStates {
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Scheduler clock;

    RequestStates(Scheduler clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.clock = clock;
    }

    /** A sealed state for this request, issued now. */
    String issue(String method, JsonNode params) {
        ObjectNode payload = Json.object().put("m", method).put("d", digest(method, params))
                .put("t", clock.now().toEpochMilli());
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(body) + "." + B64.encodeToString(mac(body));
    }

    /** Checks a state the client sent back with this request; {@code -32602} unless it is intact, this request's, and fresh. */
    void verify(String state, String method, JsonNode params) {
        int dot = state.indexOf('.');
        try {
            if (dot > 0) {
                byte[] body = Base64.getUrlDecoder().decode(state.substring(0, dot));
                byte[] tag = Base64.getUrlDecoder().decode(state.substring(dot + 1));
                if (MessageDigest.isEqual(tag, mac(body))) {
                    JsonNode payload = Json.shared().readTree(body);
                    long age = clock.now().toEpochMilli() - payload.path("t").asLong();
                    if (payload.path("m").asText().equals(method) && payload.path("d").asText().equals(digest(method, params))
                            && age >= 0 && age <= MAX_AGE.toMillis()) {
                        return;
                    }
                }
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            // falls through to the refusal
        }
        throw new RpcException(ErrorCode.INVALID_PARAMS, "Invalid or expired requestState", Map.of("reason", "invalid_request_state"));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this runtime", e);
        }
    }

    /** What binds a state to its request: the method and its params, minus the envelope and the answers themselves. */
    private static String digest(String method, JsonNode params) {
        ObjectNode salient = params == null ? Json.object() : ((ObjectNode) params).deepCopy();
        salient.remove(List.of("_meta", "inputResponses", "requestState"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((method + "\n" + canonical(salient)).getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON text with object keys sorted, so the same arguments in another order bind the same. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            List<String> fields = new ArrayList<>();
            sorted.forEach((k, v) -> fields.add(Json.shared().getNodeFactory().textNode(k) + ":" + v));
            return "{" + String.join(",", fields) + "}";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return "[" + String.join(",", items) + "]";
        }
        return node.toString();
    }
}
