package dev.herald.jsonrpc;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answer to a line that breaks an {@link InputRule}: well-formed JSON, so not a parse error.
 * A request whose id can be read gets {@code -32600} with that id ({@code -32602} when the broken
 * rule lies inside its params), naming the rule; a notification or a response gets silence, as any
 * invalid one does; anything else gets {@code -32600} without id. A line that is not JSON at all
 * keeps its {@code -32700} without id. Stateless; runs on the reader thread.
 */
final class Refusals {
    private Refusals() {
        throw new AssertionError();
    }

    /** The line {@code [off, off+len)} failed the strict parse with {@code e}: read what can be read of it. */
    static Decoded.Invalid refused(ObjectMapper mapper, byte[] buf, int off, int len, Exception e) {
        TolerantScan scan = TolerantScan.of(buf, off, len);
        InputRule rule = scan.broken();
        int at = scan.brokenAt();
        InputRule strict = ParseErrors.rule(e);
        if (strict == InputRule.DUPLICATE_KEY && (rule == null || ParseErrors.offset(e) < at)) {
            // Only the strict parse tracks keys; it stops just after the repeated one.
            rule = strict;
            at = ParseErrors.offset(e);
        } else if (rule == null) {
            rule = strict; // a limit the scan counts differently; where is unknown
            at = -1;
        }
        if (!scan.json() || rule == null) {
            return Codec.invalid(null, ErrorCode.PARSE_ERROR, "Parse error: " + ParseErrors.describe(e));
        }
        if (!scan.object()) {
            return Codec.invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: " + rule.text());
        }
        Id id = scan.ids() == 1 ? readId(mapper, buf, off + scan.idStart(), scan.idEnd() - scan.idStart()) : null;
        return breaks(rule, scan.inParams(at), scan.method(), scan.response(), scan.ids(), id);
    }

    /**
     * The answer to a message object breaking {@code rule}, from its shape: whether it has a
     * {@code method}, a {@code result} or {@code error}, how many {@code id} keys, and the id read.
     */
    static Decoded.Invalid breaks(InputRule rule, boolean inParams, boolean method, boolean response, int ids, Id id) {
        if (!method) {
            return response
                    ? Codec.silent("a response breaking a rule: " + rule.text())
                    : Codec.invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: " + rule.text());
        }
        if (ids == 0) {
            return Codec.silent("a notification breaking a rule: " + rule.text());
        }
        if (ids > 1) {
            // Two ids: answering either could settle a request the client did not mean. Say why, with no id.
            return Codec.invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: duplicate key \"id\", so the id is ambiguous");
        }
        if (id == null) {
            return Codec.invalid(null, ErrorCode.INVALID_REQUEST, "Invalid request: " + rule.text());
        }
        return inParams
                ? Codec.invalid(id, ErrorCode.INVALID_PARAMS, "Invalid params: " + rule.text())
                : Codec.invalid(id, ErrorCode.INVALID_REQUEST, "Invalid request: " + rule.text());
    }

    /** The id value alone, read strictly: a string or an integer, or null (too long, fractional, not UTF-8...). */
    private static Id readId(ObjectMapper mapper, byte[] buf, int off, int len) {
        try {
            return Id.from(mapper.readTree(buf, off, len));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
