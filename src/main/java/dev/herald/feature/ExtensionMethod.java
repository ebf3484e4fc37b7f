package dev.herald.feature;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A method of a protocol extension, served to stateless (2026-07-28) requests only (a handshake
 * client gets {@code -32601}). Runs on the request's virtual thread; an interrupt means the client
 * cancelled it. Throw {@code RpcException} for an error response.
 */
@FunctionalInterface
public interface ExtensionMethod {

    /** What a handler may do with the request it serves. */
    interface Request {
        RequestContext context();

        /** The request's id as it goes on the wire (a string or a number). */
        Object id();

        /** True if the request's client capabilities declare this extension. */
        boolean declares(String extension);

        /**
         * Sends a notification that belongs to this request (one stream's), queued like any other,
         * unless the request was already answered or cancelled; returns whether it was sent.
         */
        boolean notify(String method, Map<String, Object> params);
    }

    Object handle(Request request, ObjectNode params) throws Exception;

    /** A long-lived request (a stream): it does not count toward the requests-in-flight bound. */
    default boolean stream() {
        return false;
    }
}
