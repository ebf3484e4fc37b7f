package dev.herald.protocol;

import java.util.Map;

/**
 * A task as {@code tasks/get}, {@code tasks/list}, {@code tasks/cancel} and
 * {@code notifications/tasks/status} show it (2025-11-25). Times are ISO 8601; {@code ttl} is the
 * retention in milliseconds from creation, always set because Herald caps it. Immutable snapshot.
 */
public record Task(String taskId, TaskStatus status, String statusMessage, String createdAt, String lastUpdatedAt,
                   long ttl, Long pollInterval) {
    /** The {@code _meta} key that ties a message to its task. */
    public static final String RELATED = "io.modelcontextprotocol/related-task";

    public Task {
        java.util.Objects.requireNonNull(taskId);
        java.util.Objects.requireNonNull(status);
    }

    /** The {@code _meta} object naming this task as the one a message belongs to. */
    public static Map<String, Object> relatedMeta(String taskId) {
        return Map.of(RELATED, Map.of("taskId", taskId));
    }
}
