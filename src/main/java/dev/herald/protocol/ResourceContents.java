package dev.herald.protocol;

/** The contents of one resource: exactly one of {@code text} and {@code blob} (base64) is set. */
public record ResourceContents(String uri, String mimeType, String text, String blob) {
    public ResourceContents {
        java.util.Objects.requireNonNull(uri);
        if ((text == null) == (blob == null)) {
            throw new IllegalArgumentException("exactly one of text and blob");
        }
    }

    public static ResourceContents text(String uri, String mimeType, String text) {
        return new ResourceContents(uri, mimeType, text, null);
    }
}
