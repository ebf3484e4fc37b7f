package dev.herald.jsonrpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The one Jackson configuration Herald uses: strict on input (no scalar coercion, duplicate keys
 * rejected, explicit size limits), compact on output (never indented, nulls left out).
 * Thread-safe once built; shared by every thread.
 */
public final class Json {
    /** Deepest nesting accepted in a message; MCP messages are shallow. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Most tokens in one message: bounds the tree a line within the size limit can build. */
    public static final long MAX_TOKENS = 500_000;

    private Json() {
        throw new AssertionError();
    }

    /** Builds the mapper; {@code maxStringLength} bounds any single JSON string. */
    public static ObjectMapper mapper(int maxStringLength) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(maxStringLength)
                        .maxTokenCount(MAX_TOKENS)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH * 4).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Buffers shared across threads: the default per-thread pool recycles nothing for virtual threads.
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
        return JsonMapper.builder(factory)
                .addModule(new ParameterNamesModule())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // Enums go out by toString() (their wire names): no annotations to reflect on at start-up.
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** A mapper with default limits, built on first use, for rendering values outside the wire path. */
    public static ObjectMapper shared() {
        return Shared.MAPPER;
    }

    private static final class Shared {
        static final ObjectMapper MAPPER = mapper(Integer.MAX_VALUE);
    }

    /** A fresh empty JSON object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
