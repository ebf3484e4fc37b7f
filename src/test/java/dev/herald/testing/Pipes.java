package dev.herald.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** In-memory stand-ins for stdin and stdout: the test feeds lines in and takes lines out, with timeouts. */
public final class Pipes {
    private Pipes() {
        throw new AssertionError();
    }

    /** An input stream fed by the test; {@link #close} ends it. */
    public static final class Feed extends InputStream {
        private static final byte[] EOF = new byte[0];
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;
        private final java.util.concurrent.atomic.AtomicLong fed = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();

        public void line(String text) {
            bytes((text + "\n").getBytes(StandardCharsets.UTF_8));
        }

        public void bytes(byte[] data) {
            fed.addAndGet(data.length);
            chunks.add(data.clone());
        }

        @Override
        public void close() {
            chunks.add(EOF);
        }

        /** True once the server has taken every byte fed so far. */
        public boolean consumed() {
            return taken.get() == fed.get();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (pos == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                pos = 0;
                if (current == EOF) {
                    ended = true;
                    current = new byte[0];
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            taken.addAndGet(n);
            return n;
        }
    }

    /** An output stream that splits what is written into lines the test can take. */
    public static final class Capture extends OutputStream {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    partial.write(b, start, i - start);
                    lines.add(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(b, start, off + len - start);
        }

        /** The next complete line, or null if none arrives within the timeout. */
        public String take(Duration timeout) throws InterruptedException {
            return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Bytes written after the last newline (should always be empty at a message boundary). */
        public synchronized String unterminated() {
            return partial.toString(StandardCharsets.UTF_8);
        }
    }
}
