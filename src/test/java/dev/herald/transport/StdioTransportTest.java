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
                        transport.send(() -> answer); // every request is answered, and answers are never dropped
                    }

                    @Override
                    public void onOversized(long limitBytes) { }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int total = StdioTransport.MAX_BACKLOG + 50_000;
        in.bytes("{}\n".repeat(total).getBytes(StandardCharsets.UTF_8));
        in.close();
        InProcess.await("the backlog reaches its cap", () -> transport.backlog() >= StdioTransport.MAX_BACKLOG);
        assertTrue(received.get() < total, "the reader went on reading although the client read nothing");
        out.resume();
        InProcess.await("every request was read and answered", () -> received.get() == total && transport.backlog() == 0);
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
        assertEquals(0, transport.backlog());
    }
}
