package dev.herald.hub;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this process the hub when it can. {@link #standby} takes the lock now if it is free, and
 * otherwise waits for it on a daemon thread, so that when the hub process exits or is killed one
 * waiting Herald becomes the hub at once (the kernel hands the lock to one waiter).
 * {@link #ifFree} takes it only if free now, for a command that needs a hub for a moment.
 * Closing stops the hub, then releases the lock.
 */
public final class HubHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubHost.class);

    private final HeraldHome home;
    private final HubSettings settings;
    private final Supplier<Instant> clock;
    private volatile Thread waiter;
    private volatile HubLock lock;
    private volatile Hub hub;
    private volatile boolean closed;

    private HubHost(HeraldHome home, HubSettings settings, Supplier<Instant> clock) {
        this.home = home;
        this.settings = settings;
        this.clock = clock;
    }

    /** Hosts the hub now or as soon as the current hub goes away. */
    public static HubHost standby(HeraldHome home, HubSettings settings, Supplier<Instant> clock) {
        HubHost host = new HubHost(home, settings, clock);
        host.waiter = Thread.ofPlatform().daemon().name("herald-hub-standby").start(host::waitForLock);
        return host;
    }

    /** Hosts the hub if no process does; {@link #hosting} tells whether it does. */
    public static HubHost ifFree(HeraldHome home, HubSettings settings, Supplier<Instant> clock) throws IOException {
        HubHost host = new HubHost(home, settings, clock);
        HubLock taken = HubLock.tryAcquire(home);
        if (taken != null) {
            host.serve(taken);
        }
        return host;
    }

    private void waitForLock() {
        try {
            HubLock taken = HubLock.tryAcquire(home);
            if (taken == null) {
                taken = HubLock.acquire(home); // blocks until the hub process is gone
            }
            if (closed) {
                taken.close();
                return;
            }
            serve(taken);
        } catch (IOException e) {
            if (!closed) {
                log.warn("Cannot take part in hub election in {}: {}", home.dir(), e.getMessage());
            }
        }
    }

    private void serve(HubLock taken) throws IOException {
        try {
            hub = Hub.start(home, settings, clock);
            lock = taken;
        } catch (IOException | RuntimeException e) {
            taken.close();
            throw e;
        }
        if (closed) {
            close();
        }
    }

    /** True while this process is the hub. */
    public boolean hosting() {
        return hub != null;
    }

    @Override
    public void close() {
        closed = true;
        Thread t = waiter;
        if (t != null && hub == null) {
            t.interrupt(); // closes its channel, which ends the wait
        }
        Hub h = hub;
        if (h != null) {
            hub = null;
            h.close();
        }
        HubLock l = lock;
        if (l != null) {
            lock = null;
            l.close();
        }
    }
}
