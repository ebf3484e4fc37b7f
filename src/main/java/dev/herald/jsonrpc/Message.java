package dev.herald.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC 2.0 message: a closed set, so every switch over it is exhaustive.
 * Immutable values; created by the reader thread (incoming) or any thread (outgoing).
 * Incoming params and results are JSON trees; outgoing ones may be any Jackson-serialisable value.
 */
public sealed interface Message permits Message.Request, Message.Notification, Message.Response {

    /** A call that expects exactly one response. {@code params} is an object or null. */
    record Request(Id id, String method, ObjectNode params) implements Message {
        public Request {
            java.util.Objects.requireNonNull(id);
            java.util.Objects.requireNonNull(method);
        }
    }

    /** A one-way message; never answered. {@code params} is an object or null. */
    record Notification(String method, Object params) implements Message {
        public Notification {
            java.util.Objects.requireNonNull(method);
        }
    }

    /** The answer to a request. */
    sealed interface Response extends Message permits Success, Failure {
        /** The id of the request answered; null only on a failure whose request id was unreadable. */
        Id id();
    }

    /** A successful response; {@code result} is serialised as a JSON object. */
    record Success(Id id, Object result) implements Response {
        public Success {
            java.util.Objects.requireNonNull(id);
            java.util.Objects.requireNonNull(result);
        }

        /** The result as a tree, for incoming responses. */
        public JsonNode resultNode() {
            return (JsonNode) result;
        }
    }

    /** An error response. */
    record Failure(Id id, ErrorObject error) implements Response {
        public Failure {
            java.util.Objects.requireNonNull(error);
        }

        public static Failure of(Id id, ErrorCode code, String message) {
            return new Failure(id, ErrorObject.of(code, message));
        }
    }
}
