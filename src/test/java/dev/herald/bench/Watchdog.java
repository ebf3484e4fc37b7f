package dev.herald.bench;

import java.util.concurrent.TimeUnit;

/** Kills a watched child that has written nothing for the stall limit, so a stuck read ends; runs on bench-watchdog. */
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
            if (c != null && System.nanoTime() - c.lines.lastRead > stallNanos) {
                c.killedBecause = "STALL: no output for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s during "
                        + c.phase() + " (child killed)";
                watched = null;
                c.kill();
            }
        }
    }
}
