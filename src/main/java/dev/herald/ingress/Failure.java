package dev.herald.ingress;

/** Every way the HTTP listener refuses a request, with its status. Constants; safe on any thread. */
enum Failure {
    BAD_REQUEST(400),
    /** One answer for a missing or wrong token, signature or source: nothing tells them apart. */
    UNAUTHORIZED(401),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    /** All request slots taken for longer than the wait. */
    BUSY(503),
    /** The journal refused the write (disk full, closed). */
    NOT_STORED(503),
    /** The token file cannot be read. */
    UNAVAILABLE(503);

    final int status;

    Failure(int status) {
        this.status = status;
    }
}
