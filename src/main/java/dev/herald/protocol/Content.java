package dev.herald.protocol;

/**
 * A content block of a tool result or prompt message. Each variant carries its own {@code type}
 * as its first component (fixed by its constructor), so it serialises without annotations.
 * {@link #forVersion} turns blocks an older client cannot parse into text it can.
 */
public sealed interface Content permits Content.Text, Content.Image, Content.Audio, Content.ResourceLink, Content.Embedded {

    String type();

    /** This block as a client of version {@code v} understands it. */
    default Content forVersion(ProtocolVersion v) {
        return this;
    }

    static Text text(String text) {
        return new Text(text, null);
    }

    private static String fixed(String type, String expected) {
        if (!expected.equals(type)) {
            throw new IllegalArgumentException("type must be " + expected);
        }
        return type;
    }

    record Text(String type, String text, Annotations annotations) implements Content {
        public Text {
            fixed(type, "text");
        }

        public Text(String text, Annotations annotations) {
            this("text", text, annotations);
        }
    }

    record Image(String type, String data, String mimeType, Annotations annotations) implements Content {
        public Image {
            fixed(type, "image");
        }

        public Image(String data, String mimeType, Annotations annotations) {
            this("image", data, mimeType, annotations);
        }
    }

    /** Audio since 2025-03-26. */
    record Audio(String type, String data, String mimeType, Annotations annotations) implements Content {
        public Audio {
            fixed(type, "audio");
        }

        public Audio(String data, String mimeType, Annotations annotations) {
            this("audio", data, mimeType, annotations);
        }

        @Override
        public Content forVersion(ProtocolVersion v) {
            return v.since20250326() ? this : new Text("[audio " + mimeType + " omitted: not supported by this protocol version]", annotations);
        }
    }

    /** A link to a resource, since 2025-06-18. */
    record ResourceLink(String type, String uri, String name, String title, String description, String mimeType,
            Annotations annotations) implements Content {
        public ResourceLink {
            fixed(type, "resource_link");
        }

        public ResourceLink(String uri, String name, String title, String description, String mimeType, Annotations annotations) {
            this("resource_link", uri, name, title, description, mimeType, annotations);
        }

        @Override
        public Content forVersion(ProtocolVersion v) {
            return v.since20250618() ? this : new Text("Resource: " + uri, annotations);
        }
    }

    /** A resource's contents embedded in the result. */
    record Embedded(String type, ResourceContents resource, Annotations annotations) implements Content {
        public Embedded {
            fixed(type, "resource");
        }

        public Embedded(ResourceContents resource, Annotations annotations) {
            this("resource", resource, annotations);
        }
    }
}
