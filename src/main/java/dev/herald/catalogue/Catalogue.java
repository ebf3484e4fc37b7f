package dev.herald.catalogue;

import dev.herald.server.Server;

/** Registers Herald's built-in tools, resources and prompts on a server. Runs once at start-up. */
public final class Catalogue {
    private Catalogue() {
        throw new AssertionError();
    }

    public static void install(Server server) {
    }
}
