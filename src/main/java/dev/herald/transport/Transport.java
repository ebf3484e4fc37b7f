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

    /**
     * A message to write, rendered on the writer thread just before it goes out. While queued it
     * counts {@link #sizeHint} bytes against the output's byte budget.
     */
    @FunctionalInterface
    interface Frame {
        /** What a frame of unknown size counts: about a small notification. */
        int UNKNOWN_SIZE = 256;

        /** The message's bytes, without the newline. */
        byte[] render();

        /** About how many bytes {@link #render} returns; must not change while the frame is queued. */
        default int sizeHint() {
            return UNKNOWN_SIZE;
        }

        /** A frame already encoded: its size is exact. */
        static Frame of(byte[] bytes) {
            return new Encoded(bytes);
        }

        /** A frame rendered later, expected to be about {@code sizeHint} bytes. */
        static Frame sized(int sizeHint, Frame render) {
            return new Sized(sizeHint, render);
        }

        /** Bytes encoded before queueing. */
        record Encoded(byte[] bytes) implements Frame {
            @Override
            public byte[] render() {
                return bytes;
            }

            @Override
            public int sizeHint() {
                return bytes.length;
            }
        }

        /** A lazily rendered frame with a size known or estimated up front. */
        record Sized(int sizeHint, Frame body) implements Frame {
            @Override
            public byte[] render() {
                return body.render();
            }
        }
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

        @Override
        public int sizeHint() {
            return frame.sizeHint();
        }
    }

    /** Reads frames until the peer closes its side; returns normally at end of input. */
    void serve(Receiver receiver) throws IOException;

    /** Queues one frame; frames go out in the order they were queued. Never blocks. */
    void send(Frame frame);

    /** True while much is queued for a peer far behind in reading: senders of droppable messages should hold back. */
    boolean congested();

    /** Sets what runs (on the writer thread) each time a congested output has drained to half. */
    void onDrained(Runnable action);

    /** Writes what is queued (waiting at most {@code timeout}), then releases the output. Idempotent. */
    void close(Duration timeout);
}
