package dev.herald;

/**
 * Turns SIGTERM and SIGINT into the same clean shutdown as end of input (exit status 0). Uses
 * {@code sun.misc.Signal} (module jdk.unsupported); where that is missing, falls back to a
 * shutdown hook, which still drains but exits with the signal's status.
 */
final class Signals {
    private Signals() {
        throw new AssertionError();
    }

    static void onTerminate(Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> Thread.ofPlatform().start(action));
            }
        } catch (LinkageError | IllegalArgumentException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(action));
        }
    }
}
