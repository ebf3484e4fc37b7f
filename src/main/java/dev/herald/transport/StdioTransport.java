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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newline-delimited messages over a byte stream pair (MCP stdio transport).
 * The reader runs on the thread calling {@link #serve}; one daemon writer thread owns the output
 * stream: it renders queued frames, appends {@code \n}, and flushes whenever the queue runs dry,
 * so no message waits in a buffer while the server is idle. Sending never blocks: past
 * {@value #HIGH_WATER} queued frames the output counts as {@link #congested}, and the notifier
 * holds back what it may (so the reader thread keeps reading and a slow client costs bounded memory).
 */
public final class StdioTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
    private static final Frame CLOSE = () -> null;
    static final int HIGH_WATER = 8192;
    static final int MAX_BACKLOG = 262_144;

    private final InputStream in;
    private final OutputStream out;
    private final int maxMessageBytes;
    private final Runnable onOutputBroken;
    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread writer;
    private volatile Runnable onDrained = () -> { };
    private final ReentrantLock backlogLock = new ReentrantLock();
    private final Condition belowCap = backlogLock.newCondition();
    private volatile boolean readerWaiting;
    private boolean wasCongested; // writer thread only
    private final List<Runnable> afterFlush = new ArrayList<>(); // writer thread only: callbacks of tracked frames written since the last flush
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
        new LineReader(in, maxMessageBytes).readAll(new Receiver() {
            @Override
            public void onFrame(byte[] buf, int off, int len) {
                awaitBelowCap();
                receiver.onFrame(buf, off, len);
            }

            @Override
            public void onOversized(long limitBytes) {
                receiver.onOversized(limitBytes);
            }
        });
    }

    /**
     * The hard bound on memory for a client that sends but never reads: past {@value #MAX_BACKLOG}
     * queued messages (responses, which are never dropped), the reader stops reading until the
     * client has read half of them. The pipe then slows the client down.
     */
    private void awaitBelowCap() {
        if (queue.size() <= MAX_BACKLOG) {
            return;
        }
        backlogLock.lock();
        try {
            readerWaiting = true; // set before the check, under the lock the writer signals under: no lost wake-up
            while (queue.size() > MAX_BACKLOG / 2 && !broken && !closed.get() && writer.isAlive()) {
                belowCap.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            readerWaiting = false;
            backlogLock.unlock();
        }
    }

    @Override
    public void send(Frame frame) {
        if (closed.get() || broken) {
            return;
        }
        queue.add(frame);
    }

    /** Frames waiting to be written: what a slow client costs in memory. */
    public int backlog() {
        return queue.size();
    }

    @Override
    public boolean congested() {
        return queue.size() > HIGH_WATER;
    }

    @Override
    public void onDrained(Runnable action) {
        this.onDrained = action;
    }

    private void writeLoop() {
        List<Frame> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (Frame frame : batch) {
                    if (frame == CLOSE) {
                        flush();
                        return;
                    }
                    write(frame);
                }
                if (queue.isEmpty()) {
                    flush();
                }
                batch.clear();
                noteDrain();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            broken = true;
            log.info("Standard output closed by the client ({}); stopping", e.getMessage());
            onOutputBroken.run();
        } catch (RuntimeException | Error e) {
            broken = true;
            log.error("The writer failed; stopping", e);
            onOutputBroken.run();
        } finally {
            backlogLock.lock();
            try {
                belowCap.signalAll(); // never leave the reader waiting on a writer that is gone
            } finally {
                backlogLock.unlock();
            }
        }
    }

    /** After a batch: tells the session once the client has caught up with a congested output. */
    private void noteDrain() {
        int size = queue.size();
        if (readerWaiting && size <= MAX_BACKLOG / 2) {
            backlogLock.lock();
            try {
                belowCap.signalAll();
            } finally {
                backlogLock.unlock();
            }
        }
        if (size > HIGH_WATER) {
            wasCongested = true;
        } else if (wasCongested && size <= HIGH_WATER / 2) {
            wasCongested = false;
            onDrained.run();
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
            if (frame instanceof Tracked tracked) {
                afterFlush.add(tracked.afterFlush());
            }
        }
    }

    private void flush() throws IOException {
        out.flush();
        for (Runnable callback : afterFlush) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.error("A flush callback failed", e);
            }
        }
        afterFlush.clear();
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
