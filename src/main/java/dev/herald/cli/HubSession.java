package dev.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.HubClient;
import dev.herald.hub.HubException;
import dev.herald.hub.HubHost;
import dev.herald.hub.HubSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A subcommand's connection to the hub. When no process is the hub, the command hosts it for its
 * own lifetime (an event sent with no Herald running is stored all the same and waits in the
 * journal). Closing disconnects and, if it hosted, hands the hub on.
 */
final class HubSession implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HubHost host;
    private final HubClient client;

    private HubSession(HubHost host, HubClient client) {
        this.host = host;
        this.client = client;
    }

    static HubSession open(Map<String, String> env, Consumer<Event> events) throws CliException {
        return open(env, new HubClient.Listener() {
            @Override
            public String lastSeen() {
                return null;
            }

            @Override
            public void onEvent(Event event) {
                events.accept(event);
            }

            @Override
            public void onReplay(int skipped, String from, String to) {}
        });
    }

    /** As above, with a listener of its own (one that re-attaches from where it was after a hub hand-over). */
    static HubSession open(Map<String, String> env, HubClient.Listener listener) throws CliException {
        HeraldHome home;
        try {
            home = HeraldHome.open(HeraldHome.locate(env));
        } catch (HeraldHome.UnusableException e) {
            throw new CliException(Exit.FAILED, e.getMessage());
        }
        HubHost host;
        try {
            host = HubHost.ifFree(home, HubSettings.DEFAULT, Instant::now);
        } catch (IOException e) {
            throw new CliException(Exit.FAILED, "cannot open the hub in " + home.dir() + ": " + e.getMessage());
        }
        HubClient client = HubClient.start(home, new HubClient.Hello("cli", id(), null), listener);
        return new HubSession(host, client);
    }

    /** This command's id on the hub, and so its user_id in chat rooms. */
    static String id() {
        return "cli-" + ProcessHandle.current().pid();
    }

    JsonNode request(String method, Object params) throws CliException {
        return request(method, params, TIMEOUT);
    }

    JsonNode request(String method, Object params, Duration timeout) throws CliException {
        try {
            return client.request(method, params, timeout);
        } catch (HubException e) {
            throw new CliException(Exit.FAILED, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.FAILED, "interrupted");
        }
    }

    HubClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        host.close();
    }
}
