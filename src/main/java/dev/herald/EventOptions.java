package dev.herald;

import dev.herald.hub.HubSettings;
import dev.herald.route.ChannelFormat;
import dev.herald.route.Route;

/**
 * How a stdio session takes part in the hub. Immutable; parsed with {@link Options}.
 *
 * @param hub     false with {@code --no-hub}: no hub, no events, Herald serves as a plain MCP server
 * @param inbox   the inbox name, or null for the one derived from the working directory
 * @param deliver how events reach the client ({@code --deliver})
 * @param channelMaxChars longest channel content, in code points, before it is cut
 * @param permissionRelay relay Claude Code's permission prompts ({@code --permission-relay})
 */
public record EventOptions(boolean hub, String inbox, Route.Choice deliver, HubSettings settings, int channelMaxChars,
        boolean permissionRelay) {
    public static final EventOptions DEFAULTS = new EventOptions(true, null, Route.Choice.AUTO, HubSettings.DEFAULT,
            ChannelFormat.DEFAULT_MAX_CHARS, false);
    /** What in-process embedders and tests get unless they ask: no hub. */
    public static final EventOptions OFF = DEFAULTS.withHub(false);

    public EventOptions withHub(boolean on) {
        return new EventOptions(on, inbox, deliver, settings, channelMaxChars, permissionRelay);
    }

    public EventOptions withInbox(String name) {
        return new EventOptions(hub, name, deliver, settings, channelMaxChars, permissionRelay);
    }

    public EventOptions withDeliver(Route.Choice choice) {
        return new EventOptions(hub, inbox, choice, settings, channelMaxChars, permissionRelay);
    }

    public EventOptions withSettings(HubSettings s) {
        return new EventOptions(hub, inbox, deliver, s, channelMaxChars, permissionRelay);
    }

    public EventOptions withChannelMaxChars(int n) {
        return new EventOptions(hub, inbox, deliver, settings, n, permissionRelay);
    }

    public EventOptions withPermissionRelay(boolean on) {
        return new EventOptions(hub, inbox, deliver, settings, channelMaxChars, on);
    }
}
