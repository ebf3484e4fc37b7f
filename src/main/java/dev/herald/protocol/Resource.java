package dev.herald.protocol;

/** A concrete resource as {@code resources/list} shows it ({@code title} since 2025-06-18). */
public record Resource(String uri, String name, String title, String description, String mimeType, Annotations annotations) {
    public Resource {
        java.util.Objects.requireNonNull(uri);
        java.util.Objects.requireNonNull(name);
    }

    public Resource forVersion(ProtocolVersion v) {
        return v.since20250618() ? this : new Resource(uri, name, null, description, mimeType, annotations);
    }
}
