package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.feature.SessionInfo;
import dev.herald.notify.Notifier;
import dev.herald.protocol.Implementation;
import dev.herald.protocol.LogLevel;
import dev.herald.protocol.ProtocolVersion;
import java.util.Set;

/**
 * The session as a stateless (2026-07-28) request may see it: the request's own version, client
 * and capabilities, never what an earlier request on the connection said. Roots are never fetched
 * in that era and there are no handshake subscriptions. Immutable; made per request.
 */
record StatelessView(Session session, Caller caller) implements SessionInfo {
    @Override
    public ProtocolVersion version() {
        return caller.version();
    }

    @Override
    public Implementation clientInfo() {
        return caller.info();
    }

    @Override
    public JsonNode clientCapabilities() {
        return caller.capabilities();
    }

    @Override
    public Set<String> subscriptions() {
        return Set.of();
    }

    @Override
    public int inFlight() {
        return session.inFlight();
    }

    @Override
    public JsonNode roots() {
        return null;
    }

    @Override
    public LogLevel logLevel() {
        return caller.logLevel();
    }

    /** Null: nothing may reach a stateless client outside a request or a listen stream. */
    @Override
    public Notifier notifier() {
        return null;
    }
}
