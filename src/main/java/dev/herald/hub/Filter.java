package dev.herald.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Event;
import dev.herald.event.Priority;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which events a session receives: topics (exact names, or a prefix ending in {@code *}; none
 * means all) and a lowest priority. Immutable.
 */
public record Filter(Set<String> topics, Priority minPriority) {
    public static final Filter ALL = new Filter(Set.of(), Priority.LOW);

    public Filter {
        topics = Set.copyOf(topics);
    }

    public boolean matches(Event e) {
        return e.priority().compareTo(minPriority) >= 0 && (topics.isEmpty() || topics.stream().anyMatch(t -> topicMatches(t, e.topic())));
    }

    static boolean topicMatches(String pattern, String topic) {
        return pattern.endsWith("*") ? topic.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(topic);
    }

    /** The wire form {@code {topics: [...], minPriority}}; unknown priorities read as low. */
    public static Filter fromJson(JsonNode node) {
        Set<String> topics = new LinkedHashSet<>();
        node.path("topics").forEach(t -> topics.add(t.asText()));
        Priority min = Priority.parse(node.path("minPriority").asText("low"));
        return new Filter(topics, min == null ? Priority.LOW : min);
    }
}
