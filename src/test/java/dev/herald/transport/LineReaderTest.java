package dev.herald.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private final List<String> lines = new ArrayList<>();
    private final List<Long> oversized = new ArrayList<>();
    private final Transport.Receiver receiver = new Transport.Receiver() {
        @Override
        public void onFrame(byte[] buf, int off, int len) {
            lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void onOversized(long limitBytes) {
            oversized.add(limitBytes);
        }
    };

    private void read(String input, int max) throws Exception {
        new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), max).readAll(receiver);
    }

    @Test
    void splitsOnNewlineStripsCarriageReturnAndSkipsBlankLines() throws Exception {
        read("a\r\n\n   \r\nb\nlast", 100);
        assertEquals(List.of("a", "b", "last"), lines);
    }

    @Test
    void rejectsALongCompleteLineAndKeepsTheNextOne() throws Exception {
        read("x".repeat(50) + "\nok\n", 10);
        assertEquals(List.of("ok"), lines);
        assertEquals(List.of(10L), oversized);
    }

    @Test
    void aLineAtTheLimitIsAccepted() throws Exception {
        read("y".repeat(10) + "\n", 10);
        assertEquals(List.of("y".repeat(10)), lines);
    }

    @Test
    void endlessLineWithoutNewlineNeverGrowsTheBuffer() throws Exception {
        long total = 200L * 1024 * 1024;
        InputStream endless = new InputStream() {
            long left = total;

            @Override
            public int read() {
                return left-- > 0 ? 'z' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'z');
                left -= n;
                return n;
            }
        };
        LineReader reader = new LineReader(new java.io.SequenceInputStream(endless,
                new ByteArrayInputStream("\n{\"after\":1}\n".getBytes(StandardCharsets.UTF_8))), 1024 * 1024);
        reader.readAll(receiver);
        assertEquals(List.of(1024L * 1024), oversized, "reported once, as soon as it was detected");
        assertEquals(List.of("{\"after\":1}"), lines);
        assertTrue(reader.capacity() <= 1024 * 1024 + 128 * 1024, "buffer grew to " + reader.capacity());
    }
}
