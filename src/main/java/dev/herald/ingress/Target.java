package dev.herald.ingress;

import dev.herald.event.Draft;
import java.util.regex.Pattern;

/**
 * What a request asks for, from its method and path; anything else is 404 or 405. Immutable
 * values, made on the request's thread. Paths under {@code /v1/} and {@code /healthz} are
 * reserved; any other one-name path is a topic, in ntfy's style.
 */
sealed interface Target {
    /** {@code GET /healthz}: no token needed, nothing secret in the answer. */
    record Health() implements Target {}

    /** {@code POST /v1/events}: a Herald event as JSON. */
    record PostEvent() implements Target {}

    /** {@code GET /v1/events?since=&topic=&limit=}. */
    record Poll() implements Target {}

    /** {@code GET /v1/events/stream?topic=&since=}, resumable with {@code Last-Event-ID}. */
    record Stream() implements Target {}

    /** {@code POST} or {@code PUT /<topic>}: the body is the message. */
    record Topic(String topic) implements Target {}

    /** {@code POST /v1/sources/<name>}: a signed webhook from the source of that name in sources.json. */
    record Source(String name) implements Target {}

    /** Source names: a path segment, so no slash. */
    Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static Target of(String method, String path) throws Refusal {
        switch (path) {
            case "/healthz" -> {
                return only(method, "GET", new Health());
            }
            case "/v1/events" -> {
                return switch (method) {
                    case "POST" -> new PostEvent();
                    case "GET" -> new Poll();
                    default -> throw Refusal.methodNotAllowed("GET, POST");
                };
            }
            case "/v1/events/stream" -> {
                return only(method, "GET", new Stream());
            }
            default -> { }
        }
        if (path.startsWith("/v1/sources/") && SOURCE_NAME.matcher(path.substring("/v1/sources/".length())).matches()) {
            return only(method, "POST", new Source(path.substring("/v1/sources/".length())));
        }
        String topic = path.startsWith("/") ? path.substring(1) : path;
        if (path.startsWith("/v1/") || path.equals("/v1") || !Draft.NAME.matcher(topic).matches()) {
            throw Refusal.of(Failure.NOT_FOUND, "not found: " + clip(path));
        }
        return switch (method) {
            case "POST", "PUT" -> new Topic(topic);
            default -> throw Refusal.methodNotAllowed("POST, PUT");
        };
    }

    private static Target only(String method, String allowed, Target target) throws Refusal {
        if (!method.equals(allowed)) {
            throw Refusal.methodNotAllowed(allowed);
        }
        return target;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
