package dev.herald.catalogue;

import dev.herald.notify.Scheduler;
import dev.herald.server.Server;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Polls a resource once a second while anyone is subscribed to it and sends resources/updated
 * when its fingerprint changed: at most one update a second, and no timer at all without
 * subscribers. Runs on the scheduler thread.
 */
final class Watch implements Server.Watcher {
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final Server server;
    private final String uri;
    private final Supplier<Object> fingerprint;
    private Scheduler.Job job;
    private Object last;

    private Watch(Server server, String uri, Supplier<Object> fingerprint) {
        this.server = server;
        this.uri = uri;
        this.fingerprint = fingerprint;
    }

    static void install(Server server, String uri, Supplier<Object> fingerprint) {
        server.watch(uri, new Watch(server, uri, fingerprint));
    }

    @Override
    public synchronized void watch() {
        unwatch();
        last = fingerprint.get();
        job = server.scheduler().every(PERIOD, this::check);
    }

    @Override
    public synchronized void unwatch() {
        if (job != null) {
            job.cancel();
            job = null;
        }
    }

    private void check() {
        Object now = fingerprint.get();
        synchronized (this) {
            if (job == null || Objects.equals(now, last)) {
                return;
            }
            last = now;
        }
        server.resourceUpdated(uri);
    }
}
