package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.protocol.Methods;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client's roots, refreshed on {@code notifications/roots/list_changed}. At most one
 * {@code roots/list} is out at a time; notifications arriving meanwhile lead to one more request
 * after it, so the roots kept are never older than the last notification. The answer is stored by
 * the reader thread as it reads it, so any later request already sees the new roots. Thread-safe.
 */
final class Roots {
    private final Outgoing outgoing;
    private final Duration timeout;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean stale = new AtomicBoolean();
    private volatile JsonNode roots;

    Roots(Outgoing outgoing, Duration timeout) {
        this.outgoing = outgoing;
        this.timeout = timeout;
    }

    /** The roots from the last roots/list, or null if never fetched. */
    JsonNode current() {
        return roots;
    }

    /** The client said its roots changed: ask again (if it declared roots). */
    void refresh() {
        if (!outgoing.supports("roots")) {
            return;
        }
        stale.set(true);
        if (refreshing.compareAndSet(false, true)) {
            fetch();
        }
    }

    private void fetch() {
        stale.set(false);
        outgoing.requestThen(Methods.ROOTS_LIST, null, timeout, result -> roots = result.path("roots"), () -> {
            refreshing.set(false);
            if (stale.get() && refreshing.compareAndSet(false, true)) {
                fetch();
            }
        });
    }
}
