package dev.herald;

import dev.herald.hub.HubSettings;
import dev.herald.route.Route;

/**
 * How a stdio session takes part in the hub. Immutable; parsed with {@link Options}.
 *
 * @param hub     false with {@code --no-hub}: no hub, no events, Herald serves as a plain MCP server
 * @param inbox   the inbox name, or null for the one derived from the working directory
 * @param deliver how events reach the client ({@code --deliver})
 */
public record EventOptions(boolean hub, String inbox, Route.Choice deliver, HubSettings settings) {
    public static final EventOptions DEFAULTS = new EventOptions(true, null, Route.Choice.AUTO, HubSettings.DEFAULT);
    /** What in-process embedders and tests get unless they ask: no hub. */
    public static final EventOptions OFF = new EventOptions(false, null, Route.Choice.AUTO, HubSettings.DEFAULT);
}
