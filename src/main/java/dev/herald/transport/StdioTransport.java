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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newline-delimited messages over a byte stream pair (MCP stdio transport).
 * The reader runs on the thread calling {@link #serve}; one daemon writer thread owns the output
 * stream: it renders queued frames, appends {@code \n}, and flushes whenever the queue runs dry,
 * so no message waits in a buffer while the server is idle. Sending never blocks. The queue is
 * bounded in bytes, not frames (issue 14): each frame counts its {@link Frame#sizeHint} plus
 * {@value #ENTRY_BYTES} for its queue entry. Past {@value #CONGESTED_BYTES} bytes the output counts
 * as {@link #congested} and the notifier holds back what it may; past {@value #MAX_BACKLOG_BYTES}
 * the reader stops reading input (below), so a slow client costs bounded memory.
 */
public final class StdioTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
    private static final Frame CLOSE = () -> null;
    /** Queued bytes above which the output is congested; it has drained again at half. */
    public static final long CONGESTED_BYTES = 1L << 20;
    /** Queued bytes above which the reader stops reading input, until the queue is down to half. */
    public static final long MAX_BACKLOG_BYTES = 16L << 20;
    /** What a queued frame costs beyond its bytes: the queue node, the frame, the array header. */
    static final int ENTRY_BYTES = 64;

    private final InputStream in;
    private final OutputStream out;
    private final int maxMessageBytes;
    private final Runnable onOutputBroken;
    private final LinkedBlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong(); // what the frames in the queue and in the writer's hands count
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread writer;
    private volatile Runnable onDrained = () -> { };
    private final ReentrantLock backlogLock = new ReentrantLock();
    private final Condition belowCap = backlogLock.newCondition();
    private volatile boolean readerWaiting;
    private volatile boolean wasCongested; // set by the writer and by congested(): a sender that held back hears of the drain
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
     * The hard bound on memory for a client that sends but never reads: past {@value #MAX_BACKLOG_BYTES}
     * queued bytes (mostly responses, which are never dropped), the reader stops reading until the
     * client has read half of them. The pipe then slows the client down. Calls already running may
     * still answer, so the queue can pass the bound by what the in-flight limit lets run.
     */
    private void awaitBelowCap() {
        if (queuedBytes.get() <= MAX_BACKLOG_BYTES) {
            return;
        }
        backlogLock.lock();
        try {
            readerWaiting = true; // set before the check, under the lock the writer signals under: no lost wake-up
            while (queuedBytes.get() > MAX_BACKLOG_BYTES / 2 && !broken && !closed.get() && writer.isAlive()) {
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
        queuedBytes.addAndGet(cost(frame)); // before the writer can take it: the count never goes below zero
        queue.add(frame);
    }

    /** What a frame counts against the budgets while queued. */
    static long cost(Frame frame) {
        return Math.max(0, frame.sizeHint()) + (long) ENTRY_BYTES;
    }

    /** Bytes queued and not yet written, as the budgets count them: what a slow client costs in memory. */
    public long backlogBytes() {
        return queuedBytes.get();
    }

    @Override
    public boolean congested() {
        if (queuedBytes.get() > CONGESTED_BYTES) {
            wasCongested = true;
            return true;
        }
        return false;
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
                    try {
                        write(frame);
                    } finally {
                        queuedBytes.addAndGet(-cost(frame));
                    }
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
        long size = queuedBytes.get();
        if (readerWaiting && size <= MAX_BACKLOG_BYTES / 2) {
            backlogLock.lock();
            try {
                belowCap.signalAll();
            } finally {
                backlogLock.unlock();
            }
        }
        if (size > CONGESTED_BYTES) {
            wasCongested = true;
        } else if (wasCongested && size <= CONGESTED_BYTES / 2) {
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
