package dev.herald.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak ({@code --soak-minutes N}): ONE Herald child, handshake, then N minutes of {@link SoakTraffic}
 * paced to {@code --soak-rate} requests/s while {@link SoakReader} checks every line, RSS sampled every 10 s;
 * then a drain, stdin close → exit (within 2 s, status 0) and {@link SoakReport}. Main thread, plus soak-reader.
 */
final class Soak {
    private static final long SECOND = 1_000_000_000L;
    private static final long SAMPLE_NANOS = 10 * SECOND;
    private static final long TICK_NANOS = 5_000_000L;
    private static final long DRAIN_NANOS = 10 * SECOND;
    /** After the drain, how long to keep listening for late answers (to cancelled requests, duplicates). */
    private static final long QUIET_MILLIS = 1500;
    static final int EXIT_SECONDS = 2;

    final Options options;
    private final Watchdog watchdog;
    final Problems problems = new Problems();
    final Ledger ledger = new Ledger();
    final SoakClock clock = new SoakClock();
    final NoteRotation notes = new NoteRotation();
    final List<double[]> rss = new ArrayList<>(); // {elapsed s, RSS MiB}
    SoakReader reader;
    SoakTraffic traffic;
    private Thread readerThread;
    long pid = -1;
    double trafficSeconds = Double.NaN;
    double hwmMiB = Double.NaN;
    double exitMs = Double.NaN;
    int exitStatus = Integer.MIN_VALUE;
    long lagged;
    long worstLate;     // nanos a tick started late (the harness, or a blocking flush before it)
    double worstLateAt; // elapsed s
    long worstFlush;    // nanos one flush blocked: Herald not reading its stdin
    double worstFlushAt;
    String warning;

    Soak(Options options, Watchdog watchdog) {
        this.options = options;
        this.watchdog = watchdog;
    }

    /** Runs the soak and prints its report; true if it found nothing wrong. */
    boolean run() {
        System.err.printf(Locale.ROOT, "soak: %d min at %,d req/s against %s%n", options.soakMinutes, options.soakRate,
                Options.display(options.heraldCommand));
        try (Child c = Child.spawn(options.heraldCommand, watchdog)) {
            try {
                drive(c);
            } catch (BenchFailure | IOException e) {
                c.kill();
                String tail = c.stderrTail();
                String why = e instanceof IOException && c.killedBecause != null ? c.killedBecause + "; writing: " : "";
                problems.add("soak aborted", why + e.getMessage() + (tail.isEmpty() ? "" : "\nchild stderr (last lines):\n" + tail));
                join();
            } finally {
                warning = c.firstWarning();
            }
        } catch (IOException e) {
            problems.add("could not start Herald", e.toString());
        }
        if (reader != null) {
            checks();
        }
        return SoakReport.print(this);
    }

    private void drive(Child c) throws IOException, BenchFailure {
        pid = c.process.pid();
        Measurements.initialize(c);
        c.write(Measurements.INITIALIZED);
        c.flush();
        reader = new SoakReader(c, ledger, clock, notes, problems);
        readerThread = Thread.ofPlatform().daemon().name("soak-reader").start(reader);
        long t0 = System.nanoTime();
        traffic = new SoakTraffic(c, ledger, clock, notes, t0);
        c.phase("soak traffic");
        traffic(c, t0);
        traffic.finish(System.nanoTime());
        c.flush();
        c.phase("soak drain");
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (ledger.pending() > 0 && System.nanoTime() < deadline && !reader.done()) {
            sleep(10);
        }
        sleep(QUIET_MILLIS);
        if (reader.done()) {
            throw new BenchFailure("Herald's output ended during the drain: " + reader.endedEarly());
        }
        sample(c, System.nanoTime() - t0);
        hwmMiB = c.statusKiB("VmHWM:") / 1024.0;
        exitMs = c.closeAndWait(EXIT_SECONDS, readerThread);
        exitStatus = c.process.exitValue();
    }

    /** The paced loop: every 5 ms, the mix requests now due at the rate, the timed extras, a flush; RSS every 10 s. */
    private void traffic(Child c, long t0) throws IOException, BenchFailure {
        long end = t0 + TimeUnit.MINUTES.toNanos(options.soakMinutes);
        long rate = options.soakRate;
        long maxBurst = Math.max(1, rate / 10);
        long sent = 0;
        long nextSample = t0;
        long nextTick = t0;
        while (true) {
            long now = System.nanoTime();
            if (now - nextTick > worstLate) {
                worstLate = now - nextTick;
                worstLateAt = (now - t0) / 1e9;
            }
            if (now >= nextSample) {
                sample(c, now - t0);
                nextSample += SAMPLE_NANOS;
            }
            if (now >= end) {
                break;
            }
            if (reader.done()) {
                throw new BenchFailure("Herald's output ended during the soak: " + reader.endedEarly());
            }
            long due = (now - t0) * rate / SECOND;
            if (due - sent > maxBurst) { // the harness fell behind: skip rather than burst
                lagged += due - sent - maxBurst;
                sent = due - maxBurst;
            }
            for (; sent < due; sent++) {
                traffic.one();
            }
            traffic.timed(now);
            long f0 = System.nanoTime();
            c.flush();
            if (System.nanoTime() - f0 > worstFlush) {
                worstFlush = System.nanoTime() - f0;
                worstFlushAt = (f0 - t0) / 1e9;
            }
            nextTick += TICK_NANOS;
            long wait = nextTick - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                nextTick = System.nanoTime();
            }
        }
        trafficSeconds = (System.nanoTime() - t0) / 1e9;
    }

    private void sample(Child c, long elapsed) {
        double mib = c.statusKiB("VmRSS:") / 1024.0;
        rss.add(new double[] {elapsed / 1e9, mib});
        System.err.printf(Locale.ROOT, "soak %4.0f s: %,d requests sent, %,d answered, %,d pending, RSS %.1f MiB%n",
                elapsed / 1e9, ledger.sent(), ledger.answered(), ledger.pending(), mib);
    }

    /** What can only be judged at the end: unanswered ids, malformed-line errors, clock windows, the exit. */
    private void checks() {
        join();
        if (ledger.pending() > 0) {
            problems.add("unanswered requests", ledger.pending() + " pending, first: " + String.join(", ", ledger.unanswered(10)));
        }
        long notJson = traffic == null ? 0 : traffic.notJsonSent;
        long nullId = traffic == null ? 0 : traffic.nullIdSent;
        long parseErrors = count(reader.idlessErrors.get(-32700));
        long invalid = count(reader.idlessErrors.get(-32600));
        if (parseErrors != notJson || invalid != nullId || reader.idlessErrors.size() > (notJson > 0 ? 1 : 0) + (nullId > 0 ? 1 : 0)) {
            problems.add("id-less errors do not match the malformed lines sent", "sent " + notJson + " 'not json' (-32700 expected), "
                    + nullId + " null-id pings (-32600 expected); got " + codes(reader.idlessErrors));
        }
        clock.check(problems);
        if (!Double.isNaN(exitMs) && exitStatus != 0) {
            problems.add("exit status not 0", "status " + exitStatus);
        }
    }

    private void join() {
        if (readerThread != null) {
            try {
                readerThread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long count(long[] n) {
        return n == null ? 0 : n[0];
    }

    /** "-32700 ×12, -32600 ×12", or "none". */
    static String codes(java.util.Map<Integer, long[]> byCode) {
        List<String> parts = new ArrayList<>();
        byCode.forEach((code, n) -> parts.add(code + " ×" + n[0]));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
