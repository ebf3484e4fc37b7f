package dev.herald.catalogue;

import dev.herald.server.Server;

/**
 * Registers Herald's built-in tools, resources and prompts: one for every kind of server
 * notification. Runs once at start-up, before any session exists.
 */
public final class Catalogue {
    private Catalogue() {
        throw new AssertionError();
    }

    public static void install(Server server) {
        BasicTools.install(server);
        BackgroundTasks tasks = BackgroundTasks.install(server);
        Status.install(server, tasks);
        LiveRegistry.install(server);
        ClientTools.install(server);
        ReportTool.install(server);
        CataloguePrompts.install(server);
    }
}
