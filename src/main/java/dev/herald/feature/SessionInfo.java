package dev.herald.feature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.notify.Notifier;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.ProtocolVersion;
import java.util.Set;

/** A read-mostly view of one client session, for tools that report on it or outlive their request. Thread-safe. */
public interface SessionInfo {
    ProtocolVersion version();

    /** The client's name and version, or null before {@code initialize}. */
    Implementation clientInfo();

    JsonNode clientCapabilities();

    /** URIs this client is subscribed to. */
    Set<String> subscriptions();

    /** Requests from this client in flight now. */
    int inFlight();

    /** The client's roots from the last roots/list, or null if never fetched. */
    JsonNode roots();

    /** The client's log level, or null if it asked for no log messages (a stateless request without logLevel). */
    default LogLevel logLevel() {
        return notifier().level();
    }

    /**
     * The session's notifier, for background work that keeps notifying after its request ended;
     * null for a stateless (2026-07-28) request, whose client hears of later events only through
     * its listen streams.
     */
    Notifier notifier();
}
