package dev.herald.jsonrpc;

/**
 * What a tolerant pass over a line that the strict parse refused found: whether the line is one
 * complete JSON value at all ({@code json}), the first {@link InputRule} it breaks and where, and
 * the shape of a top-level object: how many {@code id} members and where the value of the first
 * lies, whether it has {@code method}, {@code result} or {@code error}, and where {@code params}
 * lies (members of nested objects never count: an {@code id} inside params is not the request's).
 * Offsets are relative to the line's start; -1 when absent. The pass keeps no limits but
 * its own (time linear in the line, one bit per nesting level), so a line that is only too deep,
 * too long in a number or too many tokens still shows its id. Built on the reader thread; immutable.
 */
record TolerantScan(boolean json, boolean object, int ids, int idStart, int idEnd, boolean method, boolean response,
        int paramsStart, int paramsEnd, InputRule broken, int brokenAt) {

    /** True if {@code at} (a line offset) lies inside the value of the top-level {@code params}. */
    boolean inParams(int at) {
        return at >= paramsStart && at < paramsEnd;
    }

    /** Scans bytes {@code [off, off+len)}. Never throws. */
    static TolerantScan of(byte[] buf, int off, int len) {
        return new TolerantPass(buf, off, off + len).run();
    }
}
