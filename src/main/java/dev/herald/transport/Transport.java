package dev.herald.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * Moves whole messages between Herald and one peer; it knows framing, nothing of JSON-RPC or MCP.
 * {@link #serve} runs on the thread that calls it (the reader); {@link #send} may be called from
 * any thread and never blocks on the peer.
 */
public interface Transport {

    /** Receives frames on the reader thread, in arrival order. */
    interface Receiver {
        /** One complete message frame: bytes {@code [off, off+len)}; the array is reused afterwards. */
        void onFrame(byte[] buf, int off, int len);

        /** A frame longer than the limit was discarded (reported once, as soon as it is detected). */
        void onOversized(long limitBytes);
    }

    /** A message to write, rendered on the writer thread just before it goes out. */
    @FunctionalInterface
    interface Frame {
        /** The message's bytes, without the newline. */
        byte[] render();
    }

    /**
     * A frame whose sender must know when it reached the peer: {@code afterFlush} runs on the
     * writer thread once the frame's bytes have been flushed to the output (never if they were not).
     */
    record Tracked(Frame frame, Runnable afterFlush) implements Frame {
        @Override
        public byte[] render() {
            return frame.render();
        }
    }

    /** Reads frames until the peer closes its side; returns normally at end of input. */
    void serve(Receiver receiver) throws IOException;

    /** Queues one frame; frames go out in the order they were queued. Never blocks. */
    void send(Frame frame);

    /** True while the peer is far behind in reading: senders of droppable messages should hold back. */
    boolean congested();

    /** Sets what runs (on the writer thread) each time a congested output has drained to half. */
    void onDrained(Runnable action);

    /** Writes what is queued (waiting at most {@code timeout}), then releases the output. Idempotent. */
    void close(Duration timeout);
}
