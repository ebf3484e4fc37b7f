package dev.herald.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The result of {@code initialize}: the negotiated version, what the server offers, who it is. */
public record InitializeResult(ProtocolVersion protocolVersion, ObjectNode capabilities, Implementation serverInfo, String instructions) {}
