package dev.herald.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.feature.RequestContext;
import dev.herald.feature.ResourceEntry;
import dev.herald.feature.SessionInfo;
import dev.herald.feature.ToolEntry;
import dev.herald.protocol.CallToolResult;
import dev.herald.protocol.Methods;
import dev.herald.protocol.Resource;
import dev.herald.protocol.ResourceContents;
import dev.herald.protocol.Tool;
import dev.herald.protocol.ToolAnnotations;
import dev.herald.server.Server;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * get_server_status and the resources herald://status, herald://notifications/recent and
 * herald://clock, each subscribable and watched once a second while subscribed. Status is built
 * on request threads and on the scheduler thread.
 */
final class Status {
    static final String STATUS = "herald://status";
    static final String RECENT = "herald://notifications/recent";
    static final String CLOCK = "herald://clock";

    private final Server server;
    private final BackgroundTasks tasks;

    private Status(Server server, BackgroundTasks tasks) {
        this.server = server;
        this.tasks = tasks;
    }

    static void install(Server server, BackgroundTasks tasks) {
        Status status = new Status(server, tasks);
        server.tools().registry().put("get_server_status", new ToolEntry(new Tool("get_server_status", "Get server status",
                "Reports uptime, the negotiated protocol version, the client and its capabilities, the log level, "
                        + "notifications sent by type, background tasks, subscriptions and requests in flight.",
                Schema.object().build(),
                Schema.open().any("server", "object", "Herald's name, version and uptime")
                        .any("notificationsSent", "object", "Notifications sent so far, by method")
                        .build(),
                ToolAnnotations.readOnly("Get server status")), status::tool, true));
        var resources = server.resources().registry();
        resources.put(STATUS, new ResourceEntry(new Resource(STATUS, "status", "Server status",
                "Herald's status as JSON; subscribe to be told when it changes (at most once a second).", "application/json", null),
                uri -> ResourceContents.text(uri, "application/json", JsonText.of(status.snapshot(status.session()))), true));
        resources.put(RECENT, new ResourceEntry(new Resource(RECENT, "recent-notifications", "Recent notifications",
                "The last 100 notifications Herald sent (time, method, summary); subscribable.", "application/json", null),
                uri -> ResourceContents.text(uri, "application/json", JsonText.of(server.notificationLog().recent())), true));
        resources.put(CLOCK, new ResourceEntry(new Resource(CLOCK, "clock", "Clock",
                "The current time; while subscribed, Herald sends resources/updated every second.", "text/plain", null),
                uri -> ResourceContents.text(uri, "text/plain", server.scheduler().now().truncatedTo(ChronoUnit.SECONDS).toString()),
                true));
        Watch.install(server, STATUS, status::fingerprint);
        Watch.install(server, RECENT, server.notificationLog()::version);
        Watch.install(server, CLOCK, server.scheduler()::now);
    }

    private CallToolResult tool(RequestContext ctx, ObjectNode args) {
        Map<String, Object> snapshot = snapshot(ctx.session());
        return CallToolResult.structured(JsonText.of(snapshot), snapshot);
    }

    private SessionInfo session() {
        return server.sessions().stream().findFirst().orElse(null);
    }

    /** Status minus what changes by itself: uptime, requests in flight, and the updates announcing the status. */
    private Object fingerprint() {
        Map<String, Object> snapshot = snapshot(session());
        snapshot.remove("server");
        snapshot.remove("requestsInFlight");
        @SuppressWarnings("unchecked")
        Map<String, Long> sent = (Map<String, Long>) snapshot.get("notificationsSent");
        sent.remove(Methods.NOTIFICATIONS_RESOURCES_UPDATED);
        return snapshot;
    }

    Map<String, Object> snapshot(SessionInfo session) {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("name", server.info().name());
        self.put("version", server.info().version());
        self.put("startedAt", server.started().toString());
        self.put("uptimeMs", Duration.between(server.started(), server.scheduler().now()).toMillis());
        s.put("server", self);
        if (session != null) {
            s.put("protocolVersion", session.version().wire());
            s.put("client", session.clientInfo());
            s.put("clientCapabilities", session.clientCapabilities());
            if (session.logLevel() != null) {
                s.put("logLevel", session.logLevel().wire());
            }
            s.put("subscriptions", List.copyOf(new java.util.TreeSet<>(session.subscriptions())));
            s.put("requestsInFlight", session.inFlight());
            if (session.roots() != null) {
                s.put("roots", session.roots());
            }
        }
        s.put("notificationsSent", new TreeMap<>(server.notificationLog().counts()));
        s.put("backgroundTasks", tasks.snapshot());
        return s;
    }
}
