package dev.herald.catalogue;

import dev.herald.rooms.Rooms;
import dev.herald.route.Mailbox;
import dev.herald.server.Server;

/**
 * Registers Herald's built-in tools, resources and prompts: one for every kind of server
 * notification, the hub's event tools, then the chat room tools. Runs once at start-up, before any session exists.
 */
public final class Catalogue {
    private Catalogue() {
        throw new AssertionError();
    }

    /** Installs the catalogue without the hub: the event tools answer that the hub is off. */
    public static void install(Server server) {
        install(server, new Mailbox("none", "none", () -> { }));
    }

    /** Installs the catalogue; the event tools and resources use {@code mailbox}. */
    public static void install(Server server, Mailbox mailbox) {
        EventTools events = new EventTools(mailbox);
        BasicTools.install(server, events);
        BackgroundTasks tasks = BackgroundTasks.install(server);
        Status.install(server, tasks);
        LiveRegistry.install(server);
        ClientTools.install(server);
        ReportTool.install(server);
        CataloguePrompts.install(server);
        events.install(server);
        Rooms.install(server, mailbox);
    }
}
