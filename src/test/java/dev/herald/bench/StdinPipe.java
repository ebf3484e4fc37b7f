package dev.herald.bench;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The child's stdin pipe under {@link Child}'s buffer, noting since when a write has blocked; written by main or bench-writer, read by bench-watchdog. */
final class StdinPipe extends FilterOutputStream {
    private volatile long blockedSince; // nanoTime, 0 when no write is in progress

    StdinPipe(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        blockedSince = System.nanoTime() | 1;
        try {
            out.write(b, off, len);
        } finally {
            blockedSince = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        blockedSince = System.nanoTime() | 1;
        try {
            out.flush(); // the process's own stream buffers too: this is where a write to a full pipe blocks
        } finally {
            blockedSince = 0;
        }
    }

    /** How long the write in progress has been blocked (the child not reading), 0 if none is. */
    long blockedNanos(long now) {
        long since = blockedSince;
        return since == 0 ? 0 : now - since;
    }
}
