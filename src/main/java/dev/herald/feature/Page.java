package dev.herald.feature;

import dev.herald.jsonrpc.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

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

    /**
     * Cuts a page of a list keyed by a sequence number: the cursor names the key to resume from,
     * so items removed between two pages shift nothing and none is skipped.
     */
    public static <T> Page<T> ofSequence(NavigableMap<Long, T> all, String cursor, int pageSize) {
        long from = cursor == null ? 0 : decodeLong(cursor);
        List<T> items = new ArrayList<>(Math.min(pageSize, 64));
        String next = null;
        for (Map.Entry<Long, T> e : all.tailMap(from, true).entrySet()) {
            if (items.size() == pageSize) {
                next = encode(e.getKey());
                break;
            }
            items.add(e.getValue());
        }
        return new Page<>(List.copyOf(items), next);
    }

    private static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        long position = decodeLong(cursor);
        if (position > Integer.MAX_VALUE) {
            throw RpcException.invalidParams("Invalid cursor");
        }
        return (int) position;
    }

    private static long decodeLong(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                long position = Long.parseLong(text.substring(PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw RpcException.invalidParams("Invalid cursor");
    }
}
