package dev.herald.feature;

import dev.herald.protocol.Tool;

/** A registered tool: its description, its handler, and whether it is built in (and so cannot be removed). */
public record ToolEntry(Tool tool, ToolHandler handler, boolean builtIn) {}
