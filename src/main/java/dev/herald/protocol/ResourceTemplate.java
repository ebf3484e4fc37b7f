package dev.herald.protocol;

/** An RFC 6570 URI template for a family of resources ({@code title} since 2025-06-18). */
public record ResourceTemplate(String uriTemplate, String name, String title, String description, String mimeType) {
    public ResourceTemplate {
        java.util.Objects.requireNonNull(uriTemplate);
        java.util.Objects.requireNonNull(name);
    }

    public ResourceTemplate forVersion(ProtocolVersion v) {
        return v.since20250618() ? this : new ResourceTemplate(uriTemplate, name, null, description, mimeType);
    }
}
