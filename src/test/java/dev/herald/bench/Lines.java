package dev.herald.bench;

import static dev.herald.bench.Bytes.bytes;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the child's stdout a line at a time: main thread, then bench-stdout-drain; the watchdog reads {@link #lastRead}. */
final class Lines extends LineReader {
    static final long NOT_A_RESPONSE = Long.MIN_VALUE;
    static final long NOT_PROGRESS = Long.MIN_VALUE;
    static final long NON_NUMERIC_ID = -1;
    // Fixed prefixes first (both servers write jsonrpc first and then id or method), then a byte search; never a JSON parse.
    private static final byte[] RESPONSE_PREFIX = bytes("{\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] PROGRESS_PREFIX = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\",\"progress\":");
    private static final byte[] ID = bytes("\"id\":");
    private static final byte[] METHOD = bytes("\"method\":");
    private static final byte[] RESULT = bytes("\"result\":");
    private static final byte[] ERROR = bytes("\"error\":");
    private static final byte[] PROGRESS_METHOD = bytes("\"method\":\"notifications/progress\"");
    private static final byte[] PROGRESS = bytes("\"progress\":");

    /** Last time bytes arrived (or the child was spawned), for the watchdog. */
    volatile long lastRead;
    private int afterId;

    Lines(InputStream in) {
        super(in, 1 << 20);
    }

    @Override
    void afterRead() {
        lastRead = System.nanoTime();
    }

    /**
     * The numeric id of the current line if it is a response, {@link #NON_NUMERIC_ID} for a
     * response with a string or null id, {@link #NOT_A_RESPONSE} for notifications and requests.
     */
    long responseId() {
        int i;
        if (startsWith(RESPONSE_PREFIX)) {
            i = start + RESPONSE_PREFIX.length;
        } else {
            int at = indexOf(ID);
            if (at < 0) {
                return NOT_A_RESPONSE;
            }
            if (indexOf(METHOD) >= 0) {
                return NOT_A_RESPONSE; // a request from the server
            }
            i = skipSpaces(at + ID.length);
        }
        if (i >= end || buf[i] < '0' || buf[i] > '9') {
            afterId = i;
            return NON_NUMERIC_ID;
        }
        long v = 0;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            v = v * 10 + (buf[i] - '0');
            i++;
        }
        afterId = i;
        return v;
    }

    /** After {@link #responseId}: whether the response is a result (not an error). */
    boolean isResult() {
        int i = afterId;
        if (i + 1 + RESULT.length <= end && buf[i] == ',' && regionMatches(i + 1, RESULT)) {
            return true;
        }
        return indexOf(ERROR) < 0 && indexOf(RESULT) >= 0;
    }

    /** The progress value if the current line is a progress notification, else {@link #NOT_PROGRESS}. */
    long progressValue() {
        int i;
        if (startsWith(PROGRESS_PREFIX)) {
            i = start + PROGRESS_PREFIX.length;
        } else {
            if (indexOf(PROGRESS_METHOD) < 0) {
                return NOT_PROGRESS;
            }
            int at = indexOf(PROGRESS);
            if (at < 0) {
                return NOT_PROGRESS;
            }
            i = skipSpaces(at + PROGRESS.length);
        }
        long v = 0;
        int digitsFrom = i;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            v = v * 10 + (buf[i] - '0');
            i++;
        }
        return i == digitsFrom ? -1 : v;
    }

    String text(int max) {
        int len = Math.min(end - start, max);
        return new String(buf, start, len, StandardCharsets.UTF_8) + (end - start > max ? "…" : "");
    }

    private int skipSpaces(int i) {
        while (i < end && buf[i] == ' ') {
            i++;
        }
        return i;
    }

    private boolean startsWith(byte[] p) {
        return end - start >= p.length && regionMatches(start, p);
    }

    private boolean regionMatches(int at, byte[] p) {
        for (int k = 0; k < p.length; k++) {
            if (buf[at + k] != p[k]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte[] p) {
        return Bytes.indexOf(buf, start, end, p);
    }
}
