package dev.herald.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A content block of a tool result or prompt message. Each variant writes its own {@code type}.
 * {@link #forVersion} turns blocks an older client cannot parse into text it can.
 */
public sealed interface Content permits Content.Text, Content.Image, Content.Audio, Content.ResourceLink, Content.Embedded {

    @JsonProperty("type")
    String type();

    /** This block as a client of version {@code v} understands it. */
    default Content forVersion(ProtocolVersion v) {
        return this;
    }

    static Text text(String text) {
        return new Text(text, null);
    }

    @JsonPropertyOrder({"type"})
    record Text(String text, Annotations annotations) implements Content {
        @Override
        public String type() {
            return "text";
        }
    }

    @JsonPropertyOrder({"type"})
    record Image(String data, String mimeType, Annotations annotations) implements Content {
        @Override
        public String type() {
            return "image";
        }
    }

    /** Audio since 2025-03-26. */
    @JsonPropertyOrder({"type"})
    record Audio(String data, String mimeType, Annotations annotations) implements Content {
        @Override
        public String type() {
            return "audio";
        }

        @Override
        public Content forVersion(ProtocolVersion v) {
            return v.since20250326() ? this : new Text("[audio " + mimeType + " omitted: not supported by this protocol version]", annotations);
        }
    }

    /** A link to a resource, since 2025-06-18. */
    @JsonPropertyOrder({"type"})
    record ResourceLink(String uri, String name, String title, String description, String mimeType, Annotations annotations)
            implements Content {
        @Override
        public String type() {
            return "resource_link";
        }

        @Override
        public Content forVersion(ProtocolVersion v) {
            return v.since20250618() ? this : new Text("Resource: " + uri, annotations);
        }
    }

    /** A resource's contents embedded in the result. */
    @JsonPropertyOrder({"type"})
    record Embedded(ResourceContents resource, Annotations annotations) implements Content {
        @Override
        public String type() {
            return "resource";
        }
    }
}
