package dev.herald.jsonrpc;

import java.util.Arrays;

/**
 * The pass behind {@link TolerantScan}: an explicit state machine over the bytes, no recursion, so
 * nesting costs one bit a level and time is linear in the line. One use, on the reader thread.
 */
final class TolerantPass {
    private static final int VALUE = 0, FIRST_VALUE = 1, FIRST_KEY = 2, KEY = 3, COLON = 4, AFTER = 5, DONE = 6;
    private static final int OTHER = 0, ID = 1, PARAMS = 2;
    private final byte[] b;
    private final int off;
    private final int end;
    private int i;
    private long[] objects = new long[1]; // bit d set: the container at depth d is an object
    private int depth;
    private long tokens;
    private InputRule broken;
    private int brokenAt = -1;
    private final StringBuilder name = new StringBuilder(); // a top-level key, decoded (its first few chars)
    private boolean object;
    private int member = OTHER;
    private int valueStart;
    private int ids;
    private int idStart = -1;
    private int idEnd = -1;
    private boolean method;
    private boolean response;
    private int paramsStart = -1;
    private int paramsEnd = -1;

    TolerantPass(byte[] b, int off, int end) {
        this.b = b;
        this.off = off;
        this.end = end;
        this.i = off;
    }

    TolerantScan run() {
        int state = VALUE;
        while (true) {
            while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
                i++;
            }
            if (i == end) {
                return result(state == DONE);
            }
            byte c = b[i];
            if (state == DONE) {
                return result(false);
            } else if (state == COLON) {
                if (c != ':') {
                    return result(false);
                }
                i++;
                state = VALUE;
            } else if (state == AFTER) {
                if (c == ',') {
                    i++;
                    state = inObject() ? KEY : VALUE;
                } else if (c == (inObject() ? '}' : ']')) {
                    state = close();
                } else {
                    return result(false);
                }
            } else if (state == FIRST_KEY && c == '}' || state == FIRST_VALUE && c == ']') {
                state = close();
            } else if (state == FIRST_KEY || state == KEY) {
                if (c != '"' || !string(true)) {
                    return result(false);
                }
                state = COLON;
            } else {
                state = value(c);
                if (state < 0) {
                    return result(false);
                }
            }
        }
    }

    /** Scans the value starting at {@code c}; returns the next state, or -1 for a syntax error. */
    private int value(byte c) {
        if (depth == 1 && object) {
            valueStart = i - off;
        }
        if (c == '{' || c == '[') {
            if (depth == 0) {
                object = c == '{';
            }
            push(c == '{');
            return c == '{' ? FIRST_KEY : FIRST_VALUE;
        }
        boolean ok;
        if (c == '"') {
            ok = string(false);
        } else if (c == '-' || c >= '0' && c <= '9') {
            ok = number();
        } else {
            ok = literal(c == 't' ? "true" : c == 'f' ? "false" : "null");
        }
        if (!ok) {
            return -1;
        }
        token();
        return after();
    }

    /** A value just ended: at depth 1 of the top-level object it was a member's. */
    private int after() {
        if (depth == 0) {
            return DONE;
        }
        if (depth == 1 && object) {
            if (member == ID && ids == 1) {
                idStart = valueStart;
                idEnd = i - off;
            } else if (member == PARAMS) {
                paramsStart = valueStart;
                paramsEnd = i - off;
            }
            member = OTHER;
        }
        return AFTER;
    }

    private void push(boolean isObject) {
        if (depth == objects.length * 64) {
            objects = Arrays.copyOf(objects, objects.length * 2);
        }
        if (isObject) {
            objects[depth >> 6] |= 1L << depth;
        } else {
            objects[depth >> 6] &= ~(1L << depth);
        }
        depth++;
        token();
        if (depth > Json.MAX_NESTING_DEPTH) {
            breaks(InputRule.NESTING_DEPTH, i);
        }
        i++;
    }

    private int close() {
        depth--;
        token();
        i++;
        return after();
    }

    private boolean inObject() {
        return (objects[(depth - 1) >> 6] & 1L << (depth - 1)) != 0;
    }

    private void token() {
        if (++tokens > Json.MAX_TOKENS) {
            breaks(InputRule.TOKEN_COUNT, i);
        }
    }

    private void breaks(InputRule rule, int at) {
        if (broken == null) {
            broken = rule;
            brokenAt = at - off;
        }
    }

    /** A string from its opening quote; a key at depth 1 of the top-level object is also classified. */
    private boolean string(boolean key) {
        int start = i++;
        boolean topKey = key && depth == 1 && object;
        name.setLength(0);
        long chars = 0;
        while (true) {
            if (i >= end) {
                return false;
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                i++;
                break;
            }
            if (c == '\\') {
                int decoded = escape();
                if (decoded < 0) {
                    return false;
                }
                c = decoded;
            } else if (c < 0x20) {
                return false;
            } else if (c < 0x80) {
                i++;
            } else if (utf8()) {
                c = 0xFFFD; // matches no member name
            } else {
                return false;
            }
            if (topKey && name.length() < 8) {
                name.append((char) c);
            }
            chars++;
        }
        if (key && chars > InputRule.MAX_KEY_LENGTH) {
            breaks(InputRule.KEY_LENGTH, start);
        }
        token();
        if (topKey) {
            classify(name.toString());
        }
        return true;
    }

    private void classify(String key) {
        member = OTHER;
        switch (key) {
            case "id" -> {
                ids++;
                member = ID;
            }
            case "method" -> method = true;
            case "result", "error" -> response = true;
            case "params" -> member = PARAMS;
            default -> { }
        }
    }

    /**
     * An escape from its backslash; returns the char (a pair's first half for a pair) or -1 for
     * a syntax error. An unpaired {@code \\uD800}-{@code \\uDFFF} escape breaks the surrogate rule.
     */
    private int escape() {
        int at = i;
        if (i + 1 >= end) {
            return -1;
        }
        byte c = b[i + 1];
        i += 2;
        switch (c) {
            case '"', '\\', '/' -> {
                return c;
            }
            case 'b', 'f', 'n', 'r', 't' -> {
                return ' ';
            }
            case 'u' -> {
                int u = hex4();
                if (u >= 0xD800 && u <= 0xDBFF) {
                    int save = i;
                    if (i + 1 < end && b[i] == '\\' && b[i + 1] == 'u') {
                        i += 2;
                        int low = hex4();
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            return u;
                        }
                    }
                    i = save; // whatever follows is scanned on its own
                    breaks(InputRule.LONE_SURROGATE, at);
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    breaks(InputRule.LONE_SURROGATE, at);
                }
                return u;
            }
            default -> {
                return -1;
            }
        }
    }

    /** Four hex digits at {@code i}, consumed; -1 if they are not. */
    private int hex4() {
        if (i + 4 > end) {
            return -1;
        }
        int u = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[i + k], 16);
            if (d < 0) {
                return -1;
            }
            u = u << 4 | d;
        }
        i += 4;
        return u;
    }

    /**
     * One multi-byte UTF-8 sequence at {@code i}, consumed; false if malformed. A surrogate
     * encoded in three bytes ({@code ED A0..BF xx}, as WTF-8 or CESU-8 write one) is a lone
     * surrogate in raw form: it breaks the surrogate rule rather than making the line not JSON.
     */
    private boolean utf8() {
        int lead = b[i] & 0xff;
        int more;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            min = lead == 0xE0 ? 0xA0 : 0x80;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            min = lead == 0xF0 ? 0x90 : 0x80;
            max = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (i + more >= end) {
            return false;
        }
        int second = b[i + 1] & 0xff;
        if (second < min || second > max) {
            return false;
        }
        for (int k = 2; k <= more; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return false;
            }
        }
        if (lead == 0xED && second >= 0xA0) {
            breaks(InputRule.LONE_SURROGATE, i);
        }
        i += more + 1;
        return true;
    }

    private boolean number() {
        int start = i;
        long digits = 0;
        if (b[i] == '-') {
            i++;
        }
        if (i < end && b[i] == '0') {
            i++;
            digits++;
        } else {
            int n = digits();
            if (n == 0) {
                return false;
            }
            digits += n;
        }
        if (i < end && b[i] == '.') {
            i++;
            int n = digits();
            if (n == 0) {
                return false;
            }
            digits += n;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int n = digits();
            if (n == 0) {
                return false;
            }
            digits += n;
        }
        if (digits > Json.MAX_NUMBER_LENGTH) {
            breaks(InputRule.NUMBER_LENGTH, start);
        }
        return true;
    }

    private int digits() {
        int n = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
            n++;
        }
        return n;
    }

    private boolean literal(String word) {
        if (end - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        i += word.length();
        return true;
    }

    private TolerantScan result(boolean json) {
        return new TolerantScan(json, object, ids, idStart, idEnd, method, response, paramsStart, paramsEnd, broken, brokenAt);
    }
}
