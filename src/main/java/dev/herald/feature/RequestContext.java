package dev.herald.feature;

import dev.herald.protocol.LogLevel;
import dev.herald.protocol.ProtocolVersion;

/**
 * What a handler may do while it serves one request. Handed to handlers on the request's own
 * virtual thread; an interrupt of that thread means the client cancelled the request.
 */
public interface RequestContext {

    /** The protocol version negotiated with this client. */
    ProtocolVersion version();

    /** True if the request carried a progress token. */
    boolean hasProgressToken();

    /**
     * Sends {@code notifications/progress} against the request's token. Returns false, sending
     * nothing, if there is no token, {@code progress} is not above the last value sent, or the
     * request has already been answered or cancelled.
     */
    boolean progress(double progress, Double total, String message);

    /** Sends {@code notifications/message} if the client's level lets it through; returns whether it was sent. */
    boolean log(LogLevel level, String logger, Object data);

    /** The client's minimum log level (or the default, before any {@code logging/setLevel}). */
    LogLevel logLevel();

    /** Requests to the client: roots, sampling, elicitation. */
    ClientChannel client();

    /** The session this request belongs to. */
    SessionInfo session();
}
