package dev.herald.bench;

import dev.herald.event.Event;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.HubClient;
import dev.herald.hub.HubException;
import dev.herald.hub.HubMethods;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The measurements of one {@link HubBench} round against a running dedicated hub: each publishes
 * events whose body is a marker ({@code <tag><n>}) and times when the marker arrives. Runs on the
 * main thread, with the stdio session's stdout reader, the hub clients' readers and the publishers.
 */
final class HubProbes {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] HANDSHAKE = ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"hub-bench\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n").getBytes(StandardCharsets.UTF_8);

    private final HubBench.Settings s;
    private final HeraldHome home;
    private final HubClient publisher;

    HubProbes(HubBench.Settings s, HeraldHome home) {
        this.s = s;
        this.home = home;
        this.publisher = HubClient.start(home, new HubClient.Hello("cli", "hub-bench", null), new Arrivals("-", 0, 1));
    }

    /** When each marker {@code tag<n>} arrived at {@code needed} receivers (0: not yet); {@link #await} waits for one. */
    static final class Arrivals implements HubClient.Listener {
        private final String tag;
        private final int needed;
        private final AtomicIntegerArray counts;
        private final AtomicLongArray at;

        Arrivals(String tag, int needed, int markers) {
            this.tag = tag;
            this.needed = needed;
            this.counts = new AtomicIntegerArray(markers);
            this.at = new AtomicLongArray(markers);
        }

        /** A body or a stdout line carrying marker {@code n} arrived once more, at {@code now}. */
        void seen(String text, long now) {
            int i = text.indexOf(tag);
            if (i < 0 || needed == 0) {
                return;
            }
            int n = 0;
            for (int j = i + tag.length(); j < text.length() && Character.isDigit(text.charAt(j)); j++) {
                n = n * 10 + (text.charAt(j) - '0');
            }
            if (n < counts.length() && counts.incrementAndGet(n) == needed) {
                at.set(n, now);
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        /** The arrival time of marker {@code n}; fails after the timeout. */
        synchronized long await(int n, String what) throws BenchFailure, InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (at.get(n) == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BenchFailure(what + ": marker " + tag + n + " reached " + counts.get(n) + " of " + needed
                            + " receivers within " + TIMEOUT.toSeconds() + " s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return at.get(n);
        }

        @Override
        public String lastSeen() {
            return null;
        }

        @Override
        public void onEvent(Event event) {
            seen(event.body(), System.nanoTime());
        }

        @Override
        public void onReplay(int skipped, String from, String to) {}
    }

    private long publish(HubClient client, String body, String nonce) throws BenchFailure, InterruptedException {
        long t0 = System.nanoTime();
        try {
            client.request(HubMethods.PUBLISH, Map.of("event", Map.of("body", body, "topic", "bench"), "nonce", nonce), TIMEOUT);
        } catch (HubException e) {
            throw new BenchFailure("publish " + body + " failed: " + e.getMessage());
        }
        return t0;
    }

    /** Publish → the notifications/message line on a real stdio session's stdout: {p50, p99, ack p50, stdin close → exit} in ms. */
    double[] stdoutLatency() throws IOException, BenchFailure, InterruptedException {
        int warm = Math.max(1, s.latency() / 5);
        Arrivals lines = new Arrivals("hbl", 1, warm + s.latency());
        Process p = HubChildren.start(s.herald(), home, "--inbox", "bench-stdio");
        Thread reader = Thread.ofPlatform().daemon().name("bench-session-stdout").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.contains("notifications/message")) {
                        lines.seen(line, System.nanoTime());
                    }
                }
            } catch (IOException e) {
                // the session exited
            }
        });
        boolean ended = false;
        try {
            OutputStream stdin = p.getOutputStream();
            stdin.write(HANDSHAKE);
            stdin.flush();
            long[] line = new long[s.latency()];
            long[] ack = new long[s.latency()];
            for (int n = 0; n < warm + s.latency(); n++) {
                long t0 = publish(publisher, "hbl" + n, "l" + n);
                long acked = System.nanoTime();
                long seen = lines.await(n, "stdio session");
                if (n >= warm) {
                    line[n - warm] = seen - t0;
                    ack[n - warm] = acked - t0;
                }
            }
            Arrays.sort(line);
            Arrays.sort(ack);
            ended = true;
            double exit = HubChildren.end(p, "the stdio session");
            return new double[] {Results.percentile(line, 0.5) / 1e6, Results.percentile(line, 0.99) / 1e6, Results.percentile(ack, 0.5) / 1e6, exit};
        } finally {
            if (!ended) {
                HubChildren.end(p, "the stdio session");
            }
            reader.join(2000);
        }
    }

    /** {@code herald send} and {@code herald --version}, interleaved, start → exit: the medians {send, version} in ms. */
    double[] cli() throws IOException, BenchFailure, InterruptedException {
        long[] send = new long[s.sends()];
        long[] version = new long[s.sends()];
        for (int i = 0; i < s.sends(); i++) {
            send[i] = HubChildren.timed(s.herald(), home, "send", "bench message " + i);
            version[i] = HubChildren.timed(s.herald(), home, "--version");
        }
        Arrays.sort(send);
        Arrays.sort(version);
        return new double[] {Results.percentile(send, 0.5) / 1e6, Results.percentile(version, 0.5) / 1e6};
    }

    /** Attached in-process sessions, each its own inbox; closing detaches them all. */
    final class Sessions implements AutoCloseable {
        final Arrivals arrivals;
        private final List<HubClient> clients = new ArrayList<>();
        private final int warm = 20;

        Sessions() {
            arrivals = new Arrivals("hbf", s.sessions(), warm + s.fanout());
            for (int i = 0; i < s.sessions(); i++) {
                HubClient c = HubClient.start(home, new HubClient.Hello("session", "bench-fan-" + i, "bench-fan-" + i), arrivals);
                c.attach();
                clients.add(c);
            }
        }

        /** Publish → the last session has it: {p50, p99} in ms and the events published, after {@code warm} unmeasured events (the first also waits for every attach). */
        double[] fanout() throws BenchFailure, InterruptedException {
            long[] last = new long[s.fanout()];
            for (int n = 0; n < warm + s.fanout(); n++) {
                long t0 = publish(publisher, "hbf" + n, "f" + n);
                long at = arrivals.await(n, s.sessions() + " sessions");
                if (n >= warm) {
                    last[n - warm] = at - t0;
                }
            }
            Arrays.sort(last);
            return new double[] {Results.percentile(last, 0.5) / 1e6, Results.percentile(last, 0.99) / 1e6, warm + s.fanout()};
        }

        @Override
        public void close() {
            clients.forEach(HubClient::close);
        }
    }

    HeraldHome home() {
        return home;
    }

    void close() {
        publisher.close();
    }
}
