package dev.herald.protocol;

/** Name and version of a client or server; {@code title} since 2025-06-18, {@code description} since 2025-11-25. */
public record Implementation(String name, String title, String version, String description) {
    public Implementation forVersion(ProtocolVersion v) {
        return new Implementation(name, v.since20250618() ? title : null, version, v.since20251125() ? description : null);
    }
}
