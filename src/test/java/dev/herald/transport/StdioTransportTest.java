package dev.herald.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testing.Gate;
import dev.herald.testing.InProcess;
import dev.herald.testing.Pipes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StdioTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aClientThatNeverReadsStopsTheReaderAtTheBacklogCapInsteadOfFillingMemory() throws Exception {
        Pipes.Feed in = new Pipes.Feed();
        Gate out = new Gate(OutputStream.nullOutputStream());
        out.stop();
        StdioTransport transport = new StdioTransport(in, out, 1024, () -> { });
        AtomicInteger received = new AtomicInteger();
        byte[] answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                transport.serve(new Transport.Receiver() {
                    @Override
                    public void onFrame(byte[] buf, int off, int len) {
                        received.incrementAndGet();
                        transport.send(Transport.Frame.of(answer)); // every request is answered, and answers are never dropped
                    }

                    @Override
                    public void onOversized(long limitBytes) { }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long cost = StdioTransport.cost(Transport.Frame.of(answer));
        int total = (int) (StdioTransport.MAX_BACKLOG_BYTES / cost) + 50_000;
        in.bytes("{}\n".repeat(total).getBytes(StandardCharsets.UTF_8));
        in.close();
        InProcess.await("the backlog reaches its cap", () -> transport.backlogBytes() > StdioTransport.MAX_BACKLOG_BYTES);
        assertTrue(received.get() < total, "the reader went on reading although the client read nothing");
        // The reader checks before each frame, and each frame adds one answer: the cap holds to one answer.
        assertTrue(transport.backlogBytes() <= StdioTransport.MAX_BACKLOG_BYTES + cost, "backlog " + transport.backlogBytes());
        out.resume();
        InProcess.await("every request was read and answered", () -> received.get() == total && transport.backlogBytes() == 0);
        reader.join(WAIT);
        transport.close(Duration.ofSeconds(5));
    }

    @Test
    void aWriterThatDiesOfAnErrorIsReportedAsBrokenOutput() throws Exception {
        CountDownLatch broken = new CountDownLatch(1);
        StdioTransport transport = new StdioTransport(new Pipes.Feed(), OutputStream.nullOutputStream(), 1024, broken::countDown);
        transport.send(() -> {
            throw new OutOfMemoryError("simulated");
        });
        assertTrue(broken.await(WAIT.toSeconds(), TimeUnit.SECONDS), "nobody was told that output stopped");
        assertEquals(0, transport.backlogBytes());
    }

    @Test
    void congestionIsCountedInBytesAndEndsOnceHalfIsWritten() throws Exception {
        Gate out = new Gate(OutputStream.nullOutputStream());
        out.stop();
        StdioTransport transport = new StdioTransport(new Pipes.Feed(), out, 1024, () -> { });
        CountDownLatch drained = new CountDownLatch(1);
        transport.onDrained(drained::countDown);
        byte[] big = new byte[64 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        long cost = StdioTransport.cost(Transport.Frame.of(big));
        int frames = 0;
        while (!transport.congested()) {
            transport.send(Transport.Frame.of(big));
            frames++;
        }
        // A few large frames congest the output; the count of frames has nothing to do with it.
        assertEquals(StdioTransport.CONGESTED_BYTES / cost + 1, frames);
        assertEquals(frames * cost, transport.backlogBytes());
        Transport.Frame lazy = () -> new byte[10];
        assertEquals(Transport.Frame.UNKNOWN_SIZE + StdioTransport.ENTRY_BYTES, StdioTransport.cost(lazy));
        out.resume();
        assertTrue(drained.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the drain was never reported");
        InProcess.await("everything was written", () -> transport.backlogBytes() == 0);
        assertTrue(!transport.congested());
        transport.close(Duration.ofSeconds(5));
    }
}
