package dev.herald.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without ever holding more than the limit:
 * a longer line is reported once and skipped to its newline. Blank lines are dropped and one
 * trailing {@code \r} is stripped. Runs on the reader thread only; not thread-safe.
 */
final class LineReader {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf = new byte[CHUNK];
    private int start;      // first byte of the current line
    private int end;        // end of valid data
    private boolean skipping;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Delivers every line to the receiver until end of input; a last line without newline counts. */
    void readAll(Transport.Receiver receiver) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    if (skipping) {
                        skipping = false;
                    } else if (i - start > maxLineBytes) {
                        receiver.onOversized(maxLineBytes);
                    } else {
                        deliver(receiver, start, i);
                    }
                    start = i + 1;
                }
            }
            scanned = end - start;
            if (skipping) {
                start = end;
                scanned = 0;
            } else if (scanned > maxLineBytes) {
                skipping = true;
                start = end;
                scanned = 0;
                receiver.onOversized(maxLineBytes);
            }
            if (!fill()) {
                if (!skipping && end > start) {
                    deliver(receiver, start, end);
                }
                return;
            }
        }
    }

    /** Bytes held for the current line: bounded by the limit plus one read chunk. */
    int capacity() {
        return buf.length;
    }

    /** Reads more input after compacting; false at end of input. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            int grown = (int) Math.min((long) buf.length * 2, (long) maxLineBytes + CHUNK + 1);
            buf = Arrays.copyOf(buf, Math.max(grown, buf.length + CHUNK));
        } else if (end == 0 && buf.length > 4 * CHUNK) {
            buf = new byte[CHUNK]; // give back memory after one huge line
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    private void deliver(Transport.Receiver receiver, int from, int to) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                receiver.onFrame(buf, from, to - from);
                return;
            }
        }
    }
}
