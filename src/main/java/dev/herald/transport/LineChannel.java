package dev.herald.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Newline-delimited messages over one socket's streams, for the hub and its clients: the same
 * bounded line reader as stdio, and writes that block the writing thread (only that peer's own
 * threads ever wait on it). {@link #readAll} runs on one reader thread; {@link #write} may be
 * called from any thread.
 */
public final class LineChannel implements AutoCloseable {
    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AutoCloseable closer;

    public LineChannel(InputStream in, OutputStream out, int maxLineBytes, AutoCloseable closer) {
        this.in = in;
        this.out = new BufferedOutputStream(out, 16 * 1024);
        this.maxLineBytes = maxLineBytes;
        this.closer = closer;
    }

    /** Delivers every line until the peer closes; an over-long line is reported to the receiver. */
    public void readAll(Transport.Receiver receiver) throws IOException {
        new LineReader(in, maxLineBytes).readAll(receiver);
    }

    /** Writes one message and its newline, flushed. Blocks while the peer is not reading. */
    public void write(byte[] message) throws IOException {
        writeLock.lock();
        try {
            out.write(message);
            out.write('\n');
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes several messages with one flush. */
    public void writeAll(Iterable<byte[]> messages) throws IOException {
        writeLock.lock();
        try {
            for (byte[] message : messages) {
                out.write(message);
                out.write('\n');
            }
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            // already closed by the peer
        }
    }
}
