package dev.herald.jsonrpc;

import java.util.List;

/**
 * What one input line decodes to: a valid message, an invalid one (with the error to send back,
 * or none when the input was a notification or response and must get silence), or a batch.
 */
public sealed interface Decoded permits Decoded.Valid, Decoded.Invalid, Decoded.Batch {

    record Valid(Message message) implements Decoded {}

    /** {@code reply} is null when the spec demands silence. */
    record Invalid(Message.Failure reply, String reason) implements Decoded {}

    /** A JSON array; each element is Valid or Invalid. Never empty. */
    record Batch(List<Decoded> elements) implements Decoded {}
}
