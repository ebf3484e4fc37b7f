package dev.herald.feature;

import dev.herald.jsonrpc.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list result and the opaque cursor to the next ({@code null} on the last page).
 * Cursors encode an offset; a cursor Herald did not make is {@code -32602}.
 */
public record Page<T>(List<T> items, String nextCursor) {
    private static final String PREFIX = "herald:";

    /** Cuts the page that {@code cursor} (null for the first) points at. */
    public static <T> Page<T> of(List<T> all, String cursor, int pageSize) {
        int offset = cursor == null ? 0 : decode(cursor);
        int from = Math.min(offset, all.size());
        int to = Math.min(from + pageSize, all.size());
        String next = to < all.size() ? encode(to) : null;
        return new Page<>(all.subList(from, to), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw RpcException.invalidParams("Invalid cursor");
    }
}
