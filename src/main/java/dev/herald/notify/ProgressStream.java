package dev.herald.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The progress notifications of one request. Written by the request's thread (one value at a
 * time, under its call's lock) and read by the writer thread. While the client is behind, one
 * queued notification absorbs every newer value (newest wins), so a slow client costs no memory
 * and never slows the tool; values stay strictly increasing and all precede the response.
 * Only a request's own context creates and feeds one, after checking that the request is live.
 */
public final class ProgressStream {
    final String tokenJson;
    final JsonNode token;
    /** The task this progress belongs to, named in each notification's {@code _meta}, or null. */
    final String taskId;
    /** The last value sent; guarded by the lock of the request or task that owns the stream. */
    double last = Double.NEGATIVE_INFINITY;
    /** The newest value waiting in the queued notification, or null when none is queued. */
    final AtomicReference<Pending> waiting = new AtomicReference<>();

    record Pending(byte[] bytes, Object params) {}

    /** {@code token} is the request's progress token, echoed with its JSON type. */
    public ProgressStream(JsonNode token) {
        this(token, null);
    }

    /** The progress of a task: every notification carries the related-task {@code _meta}. */
    public ProgressStream(JsonNode token, String taskId) {
        this.token = token;
        this.tokenJson = token.toString();
        this.taskId = taskId;
    }
}
