package dev.herald.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** A newline scanner whose lines are ranges [start, end) of one reusable, growing buffer; one reading thread at a time. */
class LineReader {
    private final InputStream in;
    byte[] buf;
    private int pos;
    private int limit;
    private int scanned;
    /** The current line, without its newline. */
    int start;
    int end;

    LineReader(InputStream in, int capacity) {
        this.in = in;
        this.buf = new byte[capacity];
    }

    /** Advances to the next line; false at end of input (a final unterminated line still counts). */
    final boolean next() throws IOException {
        while (true) {
            byte[] b = buf;
            int lim = limit;
            for (int i = pos + scanned; i < lim; i++) {
                if (b[i] == '\n') {
                    start = pos;
                    end = i;
                    pos = i + 1;
                    scanned = 0;
                    return true;
                }
            }
            scanned = limit - pos;
            beforeRead();
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                if (limit > pos) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    scanned = 0;
                    return true;
                }
                return false;
            }
            limit += n;
            afterRead();
        }
    }

    /** Called when no whole line is buffered, before a read that may block. */
    void beforeRead() throws IOException {
    }

    /** Called after a read that brought bytes. */
    void afterRead() {
    }
}
