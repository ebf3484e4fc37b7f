package dev.herald.route;

import dev.herald.EventOptions;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.HubClient;
import dev.herald.hub.HubHost;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.jsonrpc.Json;
import dev.herald.protocol.Implementation;
import dev.herald.server.Server;
import dev.herald.server.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one stdio session to the hub of its {@code HERALD_HOME}: stands by to host the hub,
 * connects as a client, attaches the session's mailbox, and picks the route once the client is
 * ready. Built on the main thread; {@link #ready} runs on the session's reader; closing (at exit)
 * leaves the hub to the next process.
 */
public final class SessionLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionLink.class);

    private final Mailbox mailbox;
    private final EventOptions options;
    private final HubHost host;
    private final HubClient client;

    private SessionLink(Mailbox mailbox, EventOptions options, HubHost host, HubClient client) {
        this.mailbox = mailbox;
        this.options = options;
        this.host = host;
        this.client = client;
    }

    /** Joins the hub, unless it is off or {@code HERALD_HOME} cannot be used (one warning, then serve without it). */
    public static SessionLink open(EventOptions options, Map<String, String> env, Server server, Supplier<Instant> clock) {
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String inbox = options.inbox() != null ? options.inbox() : inboxFor(Path.of("").toAbsolutePath());
        Mailbox mailbox = new Mailbox(id, inbox, () -> server.resourceUpdated("herald://inbox"));
        if (!options.hub()) {
            return new SessionLink(mailbox, options, null, null);
        }
        HeraldHome home;
        try {
            home = HeraldHome.open(HeraldHome.locate(env));
        } catch (HeraldHome.UnusableException e) {
            log.warn("Serving without the hub: {}", e.getMessage());
            return new SessionLink(mailbox, options, null, null);
        }
        HubHost host = HubHost.standby(home, options.settings(), clock);
        HubClient client = HubClient.start(home, new HubClient.Hello("session", id, inbox), mailbox);
        mailbox.connect(client);
        client.attach();
        return new SessionLink(mailbox, options, host, client);
    }

    /** The default inbox: the working directory's name and a short hash of its path, so one project keeps one inbox. */
    static String inboxFor(Path dir) {
        Path name = dir.getFileName();
        String base = (name == null ? "root" : name.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0)) ? "p" + base : base;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            return (base.length() > 40 ? base.substring(0, 40) : base) + "-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    /** The client sent notifications/initialized: start pushing events through its route. */
    public void ready(Session session) {
        Route route = switch (options.deliver()) {
            case NONE -> new Route.Quiet();
            case AUTO, LOG -> new Route.Log(session.notifier());
        };
        mailbox.activate(route);
        if (client != null) {
            Implementation info = session.clientInfo();
            ObjectNode p = Json.object();
            p.putObject("client").put("name", info == null ? "unknown" : info.name()).put("version", info == null ? "unknown" : info.version());
            p.put("route", route.name());
            client.info(p);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (host != null) {
            host.close();
        }
    }
}
