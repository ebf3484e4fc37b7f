package dev.herald.testing;

import dev.herald.Main;

/** The real entry point with the test fixtures added: what subprocess tests launch. */
public final class FixtureMain {
    private FixtureMain() {
        throw new AssertionError();
    }

    public static void main(String... args) {
        Main.main(Fixtures::install, args);
    }
}
