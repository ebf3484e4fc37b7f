package dev.herald.ingress;

import java.util.Map;

/**
 * A request refused with a {@link Failure}: the message goes out as {@code {"error": message}},
 * with any extra headers (Allow, Retry-After, WWW-Authenticate). Thrown and caught on the request's thread.
 */
final class Refusal extends Exception {
    final Failure failure;
    final Map<String, String> headers;
    final Map<String, Object> extra;

    Refusal(Failure failure, String message, Map<String, String> headers, Map<String, Object> extra) {
        super(message, null, false, false);
        this.failure = failure;
        this.headers = Map.copyOf(headers);
        this.extra = Map.copyOf(extra);
    }

    static Refusal of(Failure failure, String message) {
        return new Refusal(failure, message, Map.of(), Map.of());
    }

    static Refusal unauthorized() {
        return new Refusal(Failure.UNAUTHORIZED, "unauthorized: a valid bearer token or webhook signature is required",
                Map.of("WWW-Authenticate", "Bearer"), Map.of());
    }

    static Refusal methodNotAllowed(String allow) {
        return new Refusal(Failure.METHOD_NOT_ALLOWED, "method not allowed here; allowed: " + allow, Map.of("Allow", allow), Map.of());
    }
}
