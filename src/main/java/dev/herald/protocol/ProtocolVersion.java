package dev.herald.protocol;


/**
 * The protocol versions Herald speaks, oldest first, with what each one allows on the wire
 * (mcp-spec-notes §1.1): four of the handshake era, negotiated by {@code initialize}, and the
 * stateless 2026-07-28, named in every request's {@code _meta}. {@code toString()} is the wire
 * name. Immutable.
 */
public enum ProtocolVersion {
    V2024_11_05("2024-11-05"),
    V2025_03_26("2025-03-26"),
    V2025_06_18("2025-06-18"),
    V2025_11_25("2025-11-25"),
    V2026_07_28("2026-07-28");

    /** The handshake version offered to a client asking for one Herald does not negotiate. */
    public static final ProtocolVersion LATEST = V2025_11_25;
    /** The stateless version. */
    public static final ProtocolVersion MODERN = V2026_07_28;

    private final String wire;

    ProtocolVersion(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The version with this wire name, or null if Herald does not speak it. */
    public static ProtocolVersion parse(String wire) {
        for (ProtocolVersion v : values()) {
            if (v.wire.equals(wire)) {
                return v;
            }
        }
        return null;
    }

    public boolean atLeast(ProtocolVersion other) {
        return compareTo(other) >= 0;
    }

    /** JSON-RPC batches exist only in 2025-03-26. */
    public boolean batches() {
        return this == V2025_03_26;
    }

    /** Tool annotations, audio content, progress messages, the completions capability. */
    public boolean since20250326() {
        return atLeast(V2025_03_26);
    }

    /** {@code title} fields, structured tool output, resource links, elicitation. */
    public boolean since20250618() {
        return atLeast(V2025_06_18);
    }

    /** Icons, implementation description, URL elicitation. */
    public boolean since20251125() {
        return atLeast(V2025_11_25);
    }

    /** The stateless era: no handshake, per-request {@code _meta}, {@code resultType} on every result. */
    public boolean modern() {
        return this == V2026_07_28;
    }

    /** Tasks as a core feature ({@code tasks} capability, {@code execution.taskSupport}): 2025-11-25 only. */
    public boolean coreTasks() {
        return this == V2025_11_25;
    }

    @Override
    public String toString() {
        return wire;
    }
}
