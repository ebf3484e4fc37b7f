package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The herald://clock subscription windows and the resources/updated counted in each (Herald sends one a
 * second while subscribed, none otherwise): the main thread opens windows, soak-reader closes them and
 * counts; synchronized.
 */
final class SoakClock {
    /** After the unsubscribe answer, an update may still be on its way for this long. */
    private static final long GRACE_NANOS = 1_200_000_000L;

    /** One subscription: subscribe sent → unsubscribe answered (0 while open), updates counted. */
    private static final class Window {
        final long from;
        long to;
        long updates;

        Window(long from) {
            this.from = from;
        }
    }

    private final List<Window> windows = new ArrayList<>();
    private boolean subscribed;
    private long strays;

    /** Main thread, before writing resources/subscribe. */
    synchronized void subscribing(long now) {
        windows.add(new Window(now));
        subscribed = true;
    }

    /** Main thread, before writing resources/unsubscribe. */
    synchronized void unsubscribing() {
        subscribed = false;
    }

    synchronized boolean subscribed() {
        return subscribed;
    }

    /** Soak-reader, at the answer to resources/unsubscribe. */
    synchronized void unsubscribed(long now) {
        Window w = windows.isEmpty() ? null : windows.get(windows.size() - 1);
        if (w != null && w.to == 0) {
            w.to = now;
        }
    }

    /** Soak-reader, at a resources/updated for herald://clock; false if none was due (not subscribed). */
    synchronized boolean update(long now) {
        Window w = windows.isEmpty() ? null : windows.get(windows.size() - 1);
        if (w != null && (w.to == 0 || now - w.to <= GRACE_NANOS)) {
            w.updates++;
            return true;
        }
        strays++;
        return false;
    }

    /** Adds a problem per closed window whose count is not about one a second (±1 at the ends, 1 more for scheduling slack). */
    synchronized void check(Problems problems) {
        for (Window w : windows) {
            if (w.to == 0) {
                problems.add("clock subscription never closed (unsubscribe unanswered)", null);
                continue;
            }
            double seconds = (w.to - w.from) / 1e9;
            if (w.updates < Math.floor(seconds) - 2 || w.updates > Math.ceil(seconds) + 1) {
                problems.add("herald://clock updates not about once a second while subscribed",
                        String.format(Locale.ROOT, "%d updates in a %.2f s subscription", w.updates, seconds));
            }
        }
    }

    /** One line: windows, seconds subscribed, updates counted, strays. */
    synchronized String summary() {
        double seconds = 0;
        long updates = 0;
        for (Window w : windows) {
            seconds += w.to == 0 ? 0 : (w.to - w.from) / 1e9;
            updates += w.updates;
        }
        return String.format(Locale.ROOT, "%d subscriptions, %.1f s subscribed in all, %d resources/updated for herald://clock "
                + "while subscribed (one a second expected), %d while not subscribed", windows.size(), seconds, updates, strays);
    }
}
