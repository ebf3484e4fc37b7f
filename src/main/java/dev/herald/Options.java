package dev.herald;

import dev.herald.protocol.LogLevel;
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
 */
public record Options(int maxMessageBytes, int pageSize, LogLevel logLevel, Duration clientTimeout, Duration shutdownGrace,
        int maxInFlight) {

    public static final Options DEFAULTS =
            new Options(16 * 1024 * 1024, 100, LogLevel.INFO, Duration.ofSeconds(120), Duration.ofMillis(500), 1024);

    /** The largest line limit accepted: 256 MiB. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    /** Thrown for a bad command line; the message says what to fix. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code --name value} or {@code --name=value} pairs over the defaults. */
    public static Options parse(String... args) throws UsageException {
        Options o = DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
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
            o = switch (name) {
                case "--max-message-bytes" -> new Options(atMost(MAX_MESSAGE_BYTES, positive(name, value), name), o.pageSize, o.logLevel, o.clientTimeout,
                        o.shutdownGrace, o.maxInFlight);
                case "--page-size" -> new Options(o.maxMessageBytes, positive(name, value), o.logLevel, o.clientTimeout,
                        o.shutdownGrace, o.maxInFlight);
                case "--log-level" -> new Options(o.maxMessageBytes, o.pageSize, level(value), o.clientTimeout, o.shutdownGrace,
                        o.maxInFlight);
                case "--client-timeout-ms" -> new Options(o.maxMessageBytes, o.pageSize, o.logLevel, millis(name, value),
                        o.shutdownGrace, o.maxInFlight);
                case "--shutdown-grace-ms" -> new Options(o.maxMessageBytes, o.pageSize, o.logLevel, o.clientTimeout,
                        millis(name, value), o.maxInFlight);
                case "--max-in-flight" -> new Options(o.maxMessageBytes, o.pageSize, o.logLevel, o.clientTimeout, o.shutdownGrace,
                        positive(name, value));
                default -> throw new UsageException("Unknown option " + name);
            };
        }
        return o;
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
