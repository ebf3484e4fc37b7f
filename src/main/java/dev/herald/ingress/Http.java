package dev.herald.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import dev.herald.jsonrpc.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small pieces of HTTP the endpoints share: JSON answers, query parameters, header text, media types. Any thread. */
final class Http {
    /** What a body's Content-Type makes of it. */
    enum Media { TEXT, JSON, OTHER }

    private Http() {
        throw new AssertionError();
    }

    static void json(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = Json.shared().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void refuse(HttpExchange x, Refusal r) throws IOException {
        r.headers.forEach(x.getResponseHeaders()::set);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", r.getMessage());
        body.putAll(r.extra);
        json(x, r.failure.status, body);
    }

    /** The query parameters, decoded as UTF-8; the first of a repeated name wins. */
    static Map<String, String> query(HttpExchange x) throws Refusal {
        String raw = x.getRequestURI().getRawQuery();
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            } catch (IllegalArgumentException e) {
                throw Refusal.of(Failure.BAD_REQUEST, "the query string is not well encoded");
            }
        }
        return out;
    }

    /** A header's value, its bytes read as UTF-8 when they are (the server hands them over as ISO-8859-1); null if absent. */
    static String header(HttpExchange x, String... names) {
        for (String name : names) {
            String v = x.getRequestHeaders().getFirst(name);
            if (v != null) {
                byte[] raw = v.getBytes(StandardCharsets.ISO_8859_1);
                try {
                    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(raw)).toString();
                } catch (CharacterCodingException e) {
                    return v;
                }
            }
        }
        return null;
    }

    static Media media(HttpExchange x) {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type == null || type.isBlank()) {
            return Media.TEXT;
        }
        String base = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (base.equals("application/json") || base.endsWith("+json")) {
            return Media.JSON;
        }
        if (base.startsWith("text/") || base.equals("application/x-www-form-urlencoded")) {
            return Media.TEXT; // curl -d sends the latter
        }
        return Media.OTHER;
    }

    static Refusal unsupported(String wanted) {
        return Refusal.of(Failure.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Type; send " + wanted);
    }

    /** The bytes as UTF-8 text; malformed bytes are a 400. */
    static String utf8(byte[] body) throws Refusal {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw Refusal.of(Failure.BAD_REQUEST, "the body is not valid UTF-8");
        }
    }
}
