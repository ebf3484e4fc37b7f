package dev.herald.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newline-delimited messages over a byte stream pair (MCP stdio transport).
 * The reader runs on the thread calling {@link #serve}; one daemon writer thread owns the output
 * stream: it renders queued frames, appends {@code \n}, and flushes whenever the queue runs dry,
 * so no message waits in a buffer while the server is idle. Past {@value #HIGH_WATER} queued frames
 * {@link #pace} makes producers wait for the client to catch up, except the reader thread, which
 * must keep reading (a client blocked writing to us would otherwise never read: a pipe deadlock).
 */
public final class StdioTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
    private static final Frame CLOSE = () -> null;
    static final int HIGH_WATER = 8192;

    private final InputStream in;
    private final OutputStream out;
    private final int maxMessageBytes;
    private final Runnable onOutputBroken;
    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread writer;
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();
    private volatile Thread reader;
    private volatile boolean broken;

    /**
     * @param out the real standard output, owned by this transport from now on
     * @param onOutputBroken called once if the peer stops reading for good (a broken pipe)
     */
    public StdioTransport(InputStream in, OutputStream out, int maxMessageBytes, Runnable onOutputBroken) {
        this.in = in;
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.maxMessageBytes = maxMessageBytes;
        this.onOutputBroken = onOutputBroken;
        this.writer = Thread.ofPlatform().daemon().name("herald-writer").unstarted(this::writeLoop);
        writer.start();
    }

    @Override
    public void serve(Receiver receiver) throws IOException {
        reader = Thread.currentThread();
        new LineReader(in, maxMessageBytes).readAll(receiver);
    }

    @Override
    public void send(Frame frame) {
        if (closed.get() || broken) {
            return;
        }
        queue.add(frame);
    }

    @Override
    public void pace() {
        if (queue.size() <= HIGH_WATER || Thread.currentThread() == reader) {
            return;
        }
        waiters.incrementAndGet();
        drainLock.lock();
        try {
            while (queue.size() > HIGH_WATER / 2 && !broken && !closed.get()) {
                drained.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the sender was cancelled; its frame is queued already
        } finally {
            drainLock.unlock();
            waiters.decrementAndGet();
        }
    }

    private void writeLoop() {
        List<Frame> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (Frame frame : batch) {
                    if (frame == CLOSE) {
                        out.flush();
                        closed.set(true);
                        signalDrained();
                        return;
                    }
                    write(frame);
                }
                if (queue.isEmpty()) {
                    out.flush();
                }
                batch.clear();
                if (queue.size() <= HIGH_WATER / 2) {
                    signalDrained();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            broken = true;
            log.info("Standard output closed by the client ({}); stopping", e.getMessage());
            signalDrained();
            onOutputBroken.run();
        }
    }

    private void signalDrained() {
        if (waiters.get() > 0) {
            drainLock.lock();
            try {
                drained.signalAll();
            } finally {
                drainLock.unlock();
            }
        }
    }

    private void write(Frame frame) throws IOException {
        byte[] bytes;
        try {
            bytes = frame.render();
        } catch (RuntimeException e) {
            log.error("Could not render an outgoing message; it was dropped", e);
            return;
        }
        if (bytes != null) {
            out.write(bytes);
            out.write('\n'); // into the buffer: one system call per burst, at the flush
        }
    }

    @Override
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.add(CLOSE);
        try {
            writer.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("Output did not drain within {} ms; exiting anyway", timeout.toMillis());
        }
    }
}
