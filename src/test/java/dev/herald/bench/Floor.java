package dev.herald.bench;

import static dev.herald.bench.Bytes.bytes;
import static dev.herald.bench.Bytes.digits;
import static dev.herald.bench.Bytes.indexOf;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The "floor" for {@link Bench}: the least a JVM program can do to answer the requests the bench
 * sends, so Herald's figures can be read against it. No JSON parsing: each stdin line is scanned for
 * {@code "id":} and a few method substrings, and canned response bytes are written with the id (and,
 * for echo, the raw message string; for progress, the raw token and counters) spliced in.
 * Output goes through one {@link BufferedOutputStream}, flushed whenever no more input is
 * immediately available, so a burst of requests gets one flush and a lone request is answered at once.
 * Exits at end of input. Needs only {@code java.base} (and {@link LineReader}, {@link Bytes} from this package).
 * Single-threaded: its main thread reads and writes.
 */
public final class Floor extends LineReader {
    private static final byte[] ID = bytes("\"id\":");
    private static final byte[] INITIALIZE = bytes("\"method\":\"initialize\"");
    private static final byte[] TOOLS_LIST = bytes("\"method\":\"tools/list\"");
    private static final byte[] TOOLS_CALL = bytes("\"method\":\"tools/call\"");
    private static final byte[] ECHO = bytes("\"name\":\"echo\"");
    private static final byte[] LONG_RUNNING = bytes("\"name\":\"long_running_operation\"");
    private static final byte[] MESSAGE = bytes("\"message\":");
    private static final byte[] STEPS = bytes("\"steps\":");
    private static final byte[] TOKEN = bytes("\"progressToken\":");

    private static final byte[] HEAD = bytes("{\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] INITIALIZE_TAIL = bytes(",\"result\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{\"tools\":{\"listChanged\":true}},"
            + "\"serverInfo\":{\"name\":\"floor\",\"version\":\"1\"},\"instructions\":\"The bench floor.\"}}\n");
    private static final byte[] TOOLS_LIST_TAIL = bytes(",\"result\":{\"tools\":["
            + "{\"name\":\"echo\",\"description\":\"Returns the message unchanged.\",\"inputSchema\":{\"type\":\"object\","
            + "\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}},"
            + "{\"name\":\"long_running_operation\",\"description\":\"Reports progress.\",\"inputSchema\":{\"type\":\"object\","
            + "\"properties\":{\"steps\":{\"type\":\"integer\"},\"step_ms\":{\"type\":\"integer\"}}}}]}}\n");
    private static final byte[] ECHO_MIDDLE = bytes(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":");
    private static final byte[] ECHO_TAIL = bytes("}],\"isError\":false}}\n");
    private static final byte[] EMPTY_TAIL = bytes(",\"result\":{}}\n");
    private static final byte[] PROGRESS_1 = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":");
    private static final byte[] PROGRESS_2 = bytes(",\"progress\":");
    private static final byte[] PROGRESS_3 = bytes(",\"total\":");
    private static final byte[] PROGRESS_4 = bytes(",\"message\":\"step ");
    private static final byte[] PROGRESS_5 = bytes(" of ");
    private static final byte[] PROGRESS_6 = bytes("\"}}\n");
    private static final byte[] DONE_1 = bytes(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"Completed ");
    private static final byte[] DONE_2 = bytes(" steps.\"}],\"isError\":false}}\n");
    private static final byte[] NO_TOKEN = bytes("\"\"");

    private final BufferedInputStream in;
    private final BufferedOutputStream out;

    private Floor(BufferedInputStream in, BufferedOutputStream out) {
        super(in, 64 * 1024);
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Floor floor = new Floor(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 * 1024),
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024));
        floor.run();
    }

    private void run() throws IOException {
        while (next()) {
            answer(start, end);
        }
        out.flush();
    }

    @Override
    void beforeRead() throws IOException {
        if (in.available() == 0) {
            out.flush(); // the burst is over: nothing waits in our buffer while we block
        }
    }

    private void answer(int from, int to) throws IOException {
        int id = indexOf(buf, from, to, ID);
        if (id < 0) {
            return; // a notification (or garbage): no answer
        }
        int idFrom = skipSpaces(id + ID.length, to);
        int idTo = idFrom;
        while (idTo < to && buf[idTo] != ',' && buf[idTo] != '}') {
            idTo++;
        }
        if (indexOf(buf, from, to, TOOLS_CALL) >= 0 && indexOf(buf, from, to, LONG_RUNNING) >= 0) {
            longRunning(from, to, idFrom, idTo); // progress lines go before the response head
            return;
        }
        out.write(HEAD);
        out.write(buf, idFrom, idTo - idFrom);
        if (indexOf(buf, from, to, TOOLS_CALL) >= 0) {
            if (indexOf(buf, from, to, ECHO) >= 0) {
                echo(from, to);
            } else {
                out.write(EMPTY_TAIL);
            }
        } else if (indexOf(buf, from, to, INITIALIZE) >= 0) {
            out.write(INITIALIZE_TAIL);
        } else if (indexOf(buf, from, to, TOOLS_LIST) >= 0) {
            out.write(TOOLS_LIST_TAIL);
        } else {
            out.write(EMPTY_TAIL);
        }
    }

    /** Copies the raw (still escaped) message string into the canned result. */
    private void echo(int from, int to) throws IOException {
        out.write(ECHO_MIDDLE);
        int m = indexOf(buf, from, to, MESSAGE);
        int s = m < 0 ? -1 : skipSpaces(m + MESSAGE.length, to);
        if (s < 0 || s >= to || buf[s] != '"') {
            out.write(NO_TOKEN);
        } else {
            int e = s + 1;
            while (e < to && buf[e] != '"') {
                e += buf[e] == '\\' ? 2 : 1;
            }
            out.write(buf, s, Math.min(e + 1, to) - s);
        }
        out.write(ECHO_TAIL);
    }

    private void longRunning(int from, int to, int idFrom, int idTo) throws IOException {
        byte[] idBytes = Arrays.copyOfRange(buf, idFrom, idTo);
        int stepsAt = indexOf(buf, from, to, STEPS);
        long steps = stepsAt < 0 ? 10 : parseLong(skipSpaces(stepsAt + STEPS.length, to), to);
        int t = indexOf(buf, from, to, TOKEN);
        byte[] token = NO_TOKEN;
        if (t >= 0) {
            int ts = skipSpaces(t + TOKEN.length, to);
            int te = ts;
            while (te < to && buf[te] != ',' && buf[te] != '}') {
                te++;
            }
            token = Arrays.copyOfRange(buf, ts, te);
        }
        byte[] total = ascii(steps);
        byte[] digits = new byte[20];
        for (long i = 1; i <= steps; i++) {
            out.write(PROGRESS_1);
            out.write(token);
            out.write(PROGRESS_2);
            int n = digits(i, digits);
            out.write(digits, 20 - n, n);
            out.write(PROGRESS_3);
            out.write(total);
            out.write(PROGRESS_4);
            out.write(digits, 20 - n, n);
            out.write(PROGRESS_5);
            out.write(total);
            out.write(PROGRESS_6);
        }
        out.write(HEAD);
        out.write(idBytes);
        out.write(DONE_1);
        out.write(total);
        out.write(DONE_2);
    }

    private int skipSpaces(int i, int to) {
        while (i < to && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    private long parseLong(int i, int to) {
        long n = 0;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') {
            n = n * 10 + (buf[i] - '0');
            i++;
        }
        return n;
    }

    private static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
