package dev.herald.route;

import dev.herald.event.Event;
import dev.herald.notify.Notifier;
import java.util.Locale;

/**
 * The form hub events take for one session's client. {@link #deliver} runs on the hub client's
 * reader thread; it queues the event's notification and returns true, with {@code written} run
 * once the client's output has it, or returns false when the client's own settings (log level,
 * {@code notifications/subscribe}) leave it out.
 */
public sealed interface Route permits Route.Log, Route.Channel, Route.Both, Route.Quiet {

    /** The name shown by {@code herald sessions}. */
    String name();

    boolean deliver(Event event, Runnable written);

    /** A notice from Herald itself (a capped replay); sent like an event, never tracked. */
    void notice(String text);

    /** Each event as a {@code notifications/message}: level by priority, logger {@code event/<topic>}. */
    record Log(Notifier notifier) implements Route {
        @Override
        public String name() {
            return "log";
        }

        @Override
        public boolean deliver(Event event, Runnable written) {
            return notifier.logTracked(event.priority().level(), "event/" + event.topic(), event.toJson(), written);
        }

        @Override
        public void notice(String text) {
            notifier.logTracked(dev.herald.protocol.LogLevel.WARNING, "herald", text, () -> { });
        }
    }

    /** Claude Code's channel: each event as one {@code notifications/claude/channel}, which the model itself sees. */
    record Channel(Notifier notifier, ChannelFormat format) implements Route {
        public static final String METHOD = "notifications/claude/channel";

        @Override
        public String name() {
            return "channel";
        }

        @Override
        public boolean deliver(Event event, Runnable written) {
            return notifier.sendTracked(METHOD, format.params(event), written);
        }

        @Override
        public void notice(String text) {
            notifier.sendTracked(METHOD, java.util.Map.of("content", text, "meta", java.util.Map.of("topic", "herald")), () -> { });
        }
    }

    /** Both forms, asked for with {@code --deliver both}: the channel notification counts as the delivery. */
    record Both(Channel channel, Log log) implements Route {
        @Override
        public String name() {
            return "both";
        }

        @Override
        public boolean deliver(Event event, Runnable written) {
            log.deliver(event, () -> { });
            return channel.deliver(event, written);
        }

        @Override
        public void notice(String text) {
            channel.notice(text);
            log.notice(text);
        }
    }

    /** Nothing is pushed: the client reads events with read_events and wait_for_event. */
    record Quiet() implements Route {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public boolean deliver(Event event, Runnable written) {
            return false;
        }

        @Override
        public void notice(String text) {}
    }

    /** What {@code --deliver} asks for. */
    enum Choice {
        AUTO, CHANNEL, LOG, BOTH, NONE;

        public static Choice parse(String text) {
            for (Choice c : values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return c;
                }
            }
            return null;
        }
    }
}
