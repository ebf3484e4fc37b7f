package dev.herald.bench;

/** A protocol or process failure, the message saying exactly what was seen; thrown and caught on the main thread. */
final class BenchFailure extends Exception {
    BenchFailure(String message) {
        super(message);
    }
}
