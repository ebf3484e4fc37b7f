package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.ProtocolVersion;

/**
 * The terms one request is served on: in the handshake era, what {@code initialize} negotiated
 * for the session; in the stateless era, what the request's own {@code _meta} says, and nothing
 * else. {@code logLevel} is the request's own level (stateless era only; null means no log
 * messages for it). Immutable.
 */
record Caller(ProtocolVersion version, JsonNode capabilities, Implementation info, LogLevel logLevel) {

    boolean modern() {
        return version.modern();
    }

    /** True if the caller declared this top-level capability ({@code "sampling": null} declares nothing). */
    boolean declares(String capability) {
        return capabilities.path(capability).isObject();
    }

    /** True if the caller declared this extension in {@code capabilities.extensions}. */
    boolean declaresExtension(String extension) {
        return capabilities.path("extensions").path(extension).isObject();
    }
}
