package dev.herald;

/**
 * Turns SIGTERM and SIGINT into the same clean shutdown as end of input, then exit status 0. Uses
 * {@code sun.misc.Signal} (module jdk.unsupported). Where signals cannot be handled (no such
 * module, or {@code -Xrs}), a shutdown hook still runs the shutdown, and the JVM exits with the
 * signal's status: a hook must never call {@code System.exit} itself, or the JVM hangs.
 */
public final class Signals {
    private Signals() {
        throw new AssertionError();
    }

    public static void onTerminate(Runnable shutdown) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> Thread.ofPlatform().start(() -> {
                    shutdown.run();
                    System.exit(0);
                }));
            }
        } catch (LinkageError | IllegalArgumentException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown));
        }
    }
}
