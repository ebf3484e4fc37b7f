package dev.herald.bench;

import static dev.herald.bench.Bytes.bytes;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the child's stdout a line at a time: main thread or soak-reader, then bench-stdout-drain; the watchdog reads {@link #lastRead}. */
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
    private static final byte[] TOKEN = bytes("\"progressToken\":");
    private static final byte[] CODE = bytes("\"code\":");
    private static final byte[] METHOD_STRING = bytes("\"method\":\"");

    /** Last time bytes arrived (or the child was spawned), for the watchdog. */
    volatile long lastRead;
    private int afterId;
    private int afterNumber;

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
        long v = number(i);
        afterId = afterNumber;
        return v < 0 ? NON_NUMERIC_ID : v;
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
        return number(i);
    }

    /** After {@link #progressValue} found a progress notification: its integer token, or {@link #NON_NUMERIC_ID}. */
    long progressToken() {
        int at = indexOf(TOKEN);
        return at < 0 ? NON_NUMERIC_ID : number(skipSpaces(at + TOKEN.length));
    }

    /** The code of the line's error object (the first {@code "code":} after {@code "error":}), or 0 if it has none. */
    int errorCode() {
        int at = indexOf(ERROR);
        int c = at < 0 ? -1 : Bytes.indexOf(buf, at, end, CODE);
        if (c < 0) {
            return 0;
        }
        int i = skipSpaces(c + CODE.length);
        boolean negative = i < end && buf[i] == '-';
        long v = number(negative ? i + 1 : i);
        return v < 0 ? 0 : (int) (negative ? -v : v);
    }

    /** The line's (first) method name, or null if it has none; for notifications and requests, not responses. */
    String method() {
        int at = indexOf(METHOD_STRING);
        if (at < 0) {
            return null;
        }
        int from = at + METHOD_STRING.length;
        int to = from;
        while (to < end && buf[to] != '"') {
            to++;
        }
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    boolean contains(byte[] p) {
        return indexOf(p) >= 0;
    }

    String text(int max) {
        int len = Math.min(end - start, max);
        return new String(buf, start, len, StandardCharsets.UTF_8) + (end - start > max ? "…" : "");
    }

    /** The non-negative integer at {@code i}, or -1 when no digit is there; sets {@link #afterNumber}. */
    private long number(int i) {
        long v = 0;
        int from = i;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            v = v * 10 + (buf[i] - '0');
            i++;
        }
        afterNumber = i;
        return i == from ? -1 : v;
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
