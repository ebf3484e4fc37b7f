package dev.herald.bench;

import java.nio.charset.StandardCharsets;

/** Byte helpers shared by {@link Bench} and {@link Floor} (constants, decimal digits, search); stateless, any thread. */
final class Bytes {
    private Bytes() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code v} right-aligned into {@code d}; returns the digit count. */
    static int digits(long v, byte[] d) {
        int p = d.length;
        do {
            d[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        return d.length - p;
    }

    static int indexOf(byte[] b, int from, int to, byte[] pat) {
        byte first = pat[0];
        int last = to - pat.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int k = 1; k < pat.length; k++) {
                if (b[i + k] != pat[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
