package dev.herald.feature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.protocol.Implementation;
import java.time.Duration;

/**
 * The server's way to ask the client something (roots/list, sampling/createMessage,
 * elicitation/create). Thread-safe; {@link #request} blocks the calling virtual thread only.
 */
public interface ClientChannel {

    /** The client's name and version from {@code initialize}, or null before it. */
    Implementation info();

    /** The capabilities the client declared (an empty object if none). */
    JsonNode capabilities();

    /** True if the client declared the named top-level capability ({@code roots}, {@code sampling}, {@code elicitation}). */
    default boolean supports(String capability) {
        return capabilities().path(capability).isObject(); // "sampling": null declares nothing
    }

    /**
     * Sends a request and waits for its result. Throws if the client lacks the capability, answers
     * with an error, or does not answer within {@code timeout}; an interrupt cancels the request
     * on the client too.
     */
    JsonNode request(String method, Object params, Duration timeout) throws ClientRequestException, InterruptedException;
}
