package dev.herald;

import dev.herald.event.Draft;
import dev.herald.hub.HubSettings;
import dev.herald.journal.Retention;
import dev.herald.protocol.LogLevel;
import dev.herald.route.Route;
import java.time.Duration;

/**
 * Command-line settings. Immutable; parsed once on the main thread.
 *
 * @param maxMessageBytes longest input line accepted; longer ones are discarded with {@code -32600}
 * @param pageSize        items per page of every list result
 * @param logLevel        the client's log level until it sends {@code logging/setLevel}
 * @param clientTimeout   how long a request to the client (sampling, elicitation, roots) may take
 * @param shutdownGrace   how long in-flight requests may run after end of input or SIGTERM
 * @param maxInFlight     requests running at once; past it a request is refused with an error
 * @param events          the hub and event delivery
 */
public record Options(int maxMessageBytes, int pageSize, LogLevel logLevel, Duration clientTimeout, Duration shutdownGrace,
        int maxInFlight, EventOptions events) {

    public static final Options DEFAULTS = new Options(16 * 1024 * 1024, 100, LogLevel.INFO, Duration.ofSeconds(120),
            Duration.ofMillis(500), 1024, EventOptions.OFF);

    /** The largest line limit accepted: 256 MiB. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    /** Thrown for a bad command line; the message says what to fix. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code --name value} or {@code --name=value} pairs over the defaults; the hub stays off (for embedders and tests). */
    public static Options parse(String... args) throws UsageException {
        return parse(DEFAULTS, args);
    }

    /** As {@link #parse(String...)}, but for the command line: the hub is on unless {@code --no-hub}. */
    public static Options parseCommandLine(String... args) throws UsageException {
        return parse(DEFAULTS.with(EventOptions.DEFAULTS), args);
    }

    Options with(EventOptions e) {
        return new Options(maxMessageBytes, pageSize, logLevel, clientTimeout, shutdownGrace, maxInFlight, e);
    }

    private static Options parse(Options start, String... args) throws UsageException {
        int maxMessageBytes = start.maxMessageBytes;
        int pageSize = start.pageSize;
        LogLevel logLevel = start.logLevel;
        Duration clientTimeout = start.clientTimeout;
        Duration shutdownGrace = start.shutdownGrace;
        int maxInFlight = start.maxInFlight;
        EventOptions e = start.events;
        HubSettings hub = e.settings();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--no-hub") || arg.equals("--permission-relay")) {
                e = arg.equals("--no-hub") ? e.withHub(false) : e.withPermissionRelay(true);
                continue;
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("Missing value for " + arg);
            }
            switch (name) {
                case "--max-message-bytes" -> maxMessageBytes = atMost(MAX_MESSAGE_BYTES, positive(name, value), name);
                case "--page-size" -> pageSize = positive(name, value);
                case "--log-level" -> logLevel = level(value);
                case "--client-timeout-ms" -> clientTimeout = millis(name, value);
                case "--shutdown-grace-ms" -> shutdownGrace = millis(name, value);
                case "--max-in-flight" -> maxInFlight = positive(name, value);
                case "--inbox" -> {
                    if (!Draft.NAME.matcher(value).matches() || value.startsWith("session.")) {
                        throw new UsageException("--inbox takes 1 to 64 letters, digits or . _ - / (not starting session., which chat "
                                + "rooms use), not " + value);
                    }
                    e = e.withInbox(value);
                }
                case "--deliver" -> {
                    Route.Choice choice = Route.Choice.parse(value);
                    if (choice == null) {
                        throw new UsageException("--deliver takes auto, channel, log, both or none, not " + value);
                    }
                    e = e.withDeliver(choice);
                }
                case "--retention-days" -> hub = new HubSettings(new Retention(Duration.ofDays(positive(name, value)),
                        hub.retention().maxEvents()), hub.senderRate(), hub.senderBurst(), hub.roomIdle());
                case "--retention-events" -> hub = new HubSettings(new Retention(hub.retention().maxAge(), positive(name, value)),
                        hub.senderRate(), hub.senderBurst(), hub.roomIdle());
                case "--room-idle-minutes" -> hub = hub.withRoomIdle(Duration.ofMinutes(atMost(1440, positive(name, value), name)));
                case "--channel-max-chars" -> e = e.withChannelMaxChars(atMost(100_000, atLeast(200, positive(name, value), name), name));
                case "--sender-rate" -> hub = new HubSettings(hub.retention(), positive(name, value), hub.senderBurst(), hub.roomIdle());
                case "--sender-burst" -> hub = new HubSettings(hub.retention(), hub.senderRate(), positive(name, value), hub.roomIdle());
                default -> throw new UsageException("Unknown option " + name);
            }
            e = e.withSettings(hub);
        }
        return new Options(maxMessageBytes, pageSize, logLevel, clientTimeout, shutdownGrace, maxInFlight, e);
    }
    private static int positive(String name, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " needs a positive integer, not " + value);
    }

    private static int atLeast(int min, int n, String name) throws UsageException {
        if (n < min) {
            throw new UsageException(name + " is at least " + min);
        }
        return n;
    }

    private static int atMost(int max, int n, String name) throws UsageException {
        if (n > max) {
            throw new UsageException(name + " is at most " + max);
        }
        return n;
    }

    private static Duration millis(String name, String value) throws UsageException {
        return Duration.ofMillis(positive(name, value));
    }

    private static LogLevel level(String value) throws UsageException {
        LogLevel level = LogLevel.parse(value);
        if (level == null) {
            throw new UsageException("--log-level takes debug, info, notice, warning, error, critical, alert or emergency");
        }
        return level;
    }
}
