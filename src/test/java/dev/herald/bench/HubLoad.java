package dev.herald.bench;

import dev.herald.hub.HeraldHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sustained durable publishing: publishers on raw hub sockets (pre-formatted JSON-RPC lines, so that
 * the hub's cost is measured rather than a client library's), each a session sender of its own with
 * at most {@code inFlight} publishes unanswered; counts the acknowledgements that arrive within the
 * time. Each publisher has a writer and a reader platform thread; all end by the deadline plus a drain.
 */
final class HubLoad {
    private HubLoad() {
    }

    /** {events/s, events} acknowledged; fails on any error response. */
    static double[] run(HeraldHome home, int publishers, int inFlight, int seconds) throws BenchFailure, InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        List<SocketChannel> sockets = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] deadline = {0};
        Semaphore[] windows = new Semaphore[publishers];
        try {
            for (int i = 0; i < publishers; i++) {
                SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
                socket.connect(UnixDomainSocketAddress.of(home.socket()));
                sockets.add(socket);
                windows[i] = new Semaphore(inFlight);
            }
        } catch (IOException e) {
            sockets.forEach(HubLoad::close);
            throw new BenchFailure("a publisher could not connect: " + e);
        }
        long t0 = System.nanoTime();
        deadline[0] = t0 + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < publishers; i++) {
            SocketChannel socket = sockets.get(i);
            Semaphore window = windows[i];
            String hello = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"hello\",\"params\":{\"role\":\"session\",\"id\":\"bench-pub-" + i
                    + "\",\"inbox\":\"bench-pub-" + i + "\"}}\n";
            String nonce = "p" + i + "-";
            threads.add(Thread.ofPlatform().daemon().name("bench-load-writer").start(() -> {
                try {
                    OutputStream out = Channels.newOutputStream(socket);
                    out.write(hello.getBytes(StandardCharsets.UTF_8));
                    for (long n = 1; System.nanoTime() < deadline[0] && failure.get() == null; n++) {
                        if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            n--;
                            continue;
                        }
                        out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"publish\",\"params\":{\"event\":{\"body\":\"sustained "
                                + n + "\",\"topic\":\"bench\"},\"nonce\":\"" + nonce + n + "\"}}\n").getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException | InterruptedException e) {
                    failure.compareAndSet(null, "publisher write: " + e);
                }
            }));
            threads.add(Thread.ofPlatform().daemon().name("bench-load-reader").start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(socket), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.contains("\"error\"")) {
                            failure.compareAndSet(null, line);
                            return;
                        }
                        if (!line.contains("\"id\":0,") && !line.contains("\"id\":0}")) {
                            if (System.nanoTime() < deadline[0]) {
                                acked.incrementAndGet();
                            }
                            window.release();
                        }
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            }));
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(deadline[0] - System.nanoTime()) + 1);
        long counted = acked.get();
        Thread.sleep(500); // the writers stop; what is still in flight is answered meanwhile
        sockets.forEach(HubLoad::close);
        for (Thread t : threads) {
            t.join(5000);
        }
        if (failure.get() != null) {
            throw new BenchFailure("sustained publishing failed: " + failure.get());
        }
        return new double[] {counted / (double) seconds, counted};
    }

    private static void close(SocketChannel s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
