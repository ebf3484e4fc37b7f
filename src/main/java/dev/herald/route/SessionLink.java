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

    static final String CLAUDE_CODE = "claude-code";
    static final String PERMISSION_REQUEST_METHOD = "notifications/claude/channel/permission_request";
    static final String PERMISSION_METHOD = "notifications/claude/channel/permission";
    private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[a-km-z]{5}");

    private final Mailbox mailbox;
    private volatile Session session;
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
            return wire(new SessionLink(mailbox, options, null, null), server);
        }
        HeraldHome home;
        try {
            home = HeraldHome.open(HeraldHome.locate(env));
        } catch (HeraldHome.UnusableException e) {
            log.warn("Serving without the hub: {}", e.getMessage());
            return wire(new SessionLink(mailbox, options, null, null), server);
        }
        HubHost host = HubHost.standby(home, options.settings(), clock);
        HubClient client = HubClient.start(home, new HubClient.Hello("session", id, inbox), mailbox);
        mailbox.connect(client);
        SessionLink link = wire(new SessionLink(mailbox, options, host, client), server);
        client.attach();
        return link;
    }

    private static SessionLink wire(SessionLink link, Server server) {
        server.onSessionReady(link::ready);
        if (link.client == null) {
            return link; // no hub, no events: nothing to declare or explain
        }
        server.onInitialize(link::greet);
        link.mailbox.onPermission(link::verdict);
        if (link.options.permissionRelay()) {
            server.onClientNotification(PERMISSION_REQUEST_METHOD, link::permissionRequest);
        }
        return link;
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

    /** True if this session has a hub to get events from. */
    public boolean connected() {
        return client != null;
    }

    /** What the session's route is for a client of this name: {@code auto} means the channel for Claude Code, log messages otherwise. */
    Route.Choice resolve(Implementation client) {
        if (options.deliver() != Route.Choice.AUTO) {
            return options.deliver();
        }
        return client != null && CLAUDE_CODE.equals(client.name()) ? Route.Choice.CHANNEL : Route.Choice.LOG;
    }

    /** At initialize: declares the channel (and the permission relay) to a client that gets it, and says what arrives. */
    public void greet(Implementation client, ObjectNode capabilities, StringBuilder instructions) {
        Route.Choice route = resolve(client);
        if (route == Route.Choice.CHANNEL || route == Route.Choice.BOTH) {
            ObjectNode experimental = capabilities.withObject("experimental");
            experimental.putObject("claude/channel");
            if (options.permissionRelay()) {
                experimental.putObject("claude/channel/permission");
            }
            instructions.append(' ').append(ChannelText.INSTRUCTIONS);
        } else if (route == Route.Choice.LOG) {
            instructions.append(' ').append(ChannelText.LOG_INSTRUCTIONS);
        }
    }

    /** The client sent notifications/initialized: start pushing events through its route. */
    public void ready(Session session) {
        this.session = session;
        Route.Log log = new Route.Log(session.notifier());
        Route.Channel channel = new Route.Channel(session.notifier(), new ChannelFormat(options.channelMaxChars()));
        Route route = switch (resolve(session.clientInfo())) {
            case NONE -> new Route.Quiet();
            case LOG, AUTO -> log;
            case CHANNEL -> channel;
            case BOTH -> new Route.Both(channel, log);
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

    /**
     * Claude Code asks for a permission: a well-formed request goes to the hub (and from there to
     * every other session and the CLI); anything else is ignored and logged.
     */
    void permissionRequest(Session from, ObjectNode params) {
        String id = params.path("request_id").asText("");
        boolean strings = java.util.stream.Stream.of("request_id", "tool_name", "description", "input_preview")
                .allMatch(f -> params.path(f).isTextual());
        if (!strings || !REQUEST_ID.matcher(id).matches()) {
            log.warn("Ignored a malformed permission request (request_id {})", id.length() > 16 ? id.substring(0, 16) + "…" : id);
            return;
        }
        if (client == null) {
            log.warn("Permission request {} cannot be relayed: the hub is off", id);
            return;
        }
        ObjectNode p = params.deepCopy();
        p.put("nonce", "permission-" + id);
        Thread.ofPlatform().daemon().name("herald-permission").start(() -> {
            try {
                client.request(dev.herald.hub.HubMethods.PERMISSION_REQUEST, p, java.time.Duration.ofSeconds(30));
            } catch (dev.herald.hub.HubException e) {
                log.warn("Permission request {} was not relayed: {}", id, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The user's verdict, from the hub: forwarded to the client, which applies the first answer it gets. */
    void verdict(String requestId, String behavior) {
        Session s = session;
        if (s != null) {
            s.notifier().send(PERMISSION_METHOD, java.util.Map.of("request_id", requestId, "behavior", behavior));
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
