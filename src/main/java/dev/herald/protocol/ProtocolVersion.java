package dev.herald.protocol;


/**
 * The handshake-era protocol versions Herald negotiates, oldest first, with what each one allows
 * on the wire (mcp-spec-notes §1.1); {@code toString()} is the wire name. Immutable.
 */
public enum ProtocolVersion {
    V2024_11_05("2024-11-05"),
    V2025_03_26("2025-03-26"),
    V2025_06_18("2025-06-18"),
    V2025_11_25("2025-11-25");

    /** The version offered to a client asking for one Herald does not speak. */
    public static final ProtocolVersion LATEST = V2025_11_25;

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

    /** Icons, implementation description, tasks, URL elicitation. */
    public boolean since20251125() {
        return atLeast(V2025_11_25);
    }

    @Override
    public String toString() {
        return wire;
    }
}
