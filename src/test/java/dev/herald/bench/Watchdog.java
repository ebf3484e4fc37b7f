package dev.herald.bench;

import java.util.concurrent.TimeUnit;

/** Kills a watched child that has written nothing, or not read its stdin, for the stall limit, so a stuck read or write ends; runs on bench-watchdog. */
final class Watchdog {
    private final long stallNanos;
    private volatile Child watched;

    Watchdog(int stallSeconds) {
        this.stallNanos = TimeUnit.SECONDS.toNanos(stallSeconds);
        Thread.ofPlatform().daemon().name("bench-watchdog").start(this::loop);
    }

    void watch(Child c) {
        c.lines.lastRead = System.nanoTime();
        watched = c;
    }

    void unwatch(Child c) {
        if (watched == c) {
            watched = null;
        }
    }

    private void loop() {
        while (true) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            Child c = watched;
            long now = System.nanoTime();
            boolean silent = c != null && now - c.lines.lastRead > stallNanos;
            if (c != null && (silent || c.pipe.blockedNanos(now) > stallNanos)) {
                c.killedBecause = "STALL: " + (silent ? "no output" : "stdin not read") + " for "
                        + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s during " + c.phase() + " (child killed)";
                watched = null;
                c.kill();
            }
        }
    }
}
