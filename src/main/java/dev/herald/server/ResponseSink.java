package dev.herald.server;

import dev.herald.jsonrpc.Message;

/**
 * Where the one outcome of a request goes: straight to the client, or into the batch it came in.
 * Called exactly once per request, from the request's thread or the reader thread.
 */
interface ResponseSink {
    /** The request was answered. */
    void answer(Message.Response response);

    /** The request ends without an answer (it was cancelled). */
    void skip();
}
