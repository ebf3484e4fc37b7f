/**
 * The draft MCP Events extension ({@code io.modelcontextprotocol/events}, SEP-3415) for stateless
 * (2026-07-28) clients: hub events as event types per topic family, polled ({@code events/poll})
 * or pushed on a stream ({@code events/stream}), with cursors that are journal positions.
 */
package dev.herald.events;
