package io.portcullis.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JOSE header or a JWT claims set (RFC 8259 JSON) straight into immutable values:
 * {@code Map} (members in token order), {@code List}, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean} and {@code null}.
 *
 * <p>The input is hostile until its signature is checked, so the reading is strict: one JSON
 * object and nothing after it, no duplicate member names (RFC 7519 section 4 allows refusing
 * them, and a token whose {@code exp} reads differently to different parsers must not pass), no
 * comments or other extensions, valid UTF-8, and nesting at most {@value #MAX_DEPTH} deep.
 * Integers too large for a {@code long} become {@code Double}.
 */
final class JsonObjects {

    /** The deepest nesting accepted; access tokens nest three or four levels. */
    static final int MAX_DEPTH = 32;

    // Member names are canonicalised in a bounded table, but not interned: names come from
    // outside and must not grow the JVM's string pool.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private JsonObjects() {
    }

    /**
     * Returns the JSON object in {@code length} bytes of {@code utf8} from {@code offset}.
     *
     * @throws IOException when the bytes are not exactly one JSON object within the limits
     */
    static Map<String, Object> read(byte[] utf8, int offset, int length) throws IOException {
        try (JsonParser parser = FACTORY.createParser(utf8, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("Not a JSON object");
            }
            Map<String, Object> object = object(parser, 1);
            if (parser.nextToken() != null) {
                throw new IOException("Content after the JSON object");
            }
            return object;
        }
    }

    private static Object value(JsonParser parser, JsonToken token, int depth)
            throws IOException {
        if (token == null) {
            throw new IOException("Unexpected end of JSON");
        }
        switch (token) {
            case START_OBJECT:
                return object(parser, depth + 1);
            case START_ARRAY:
                return array(parser, depth + 1);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("Unexpected JSON token " + token);
        }
    }

    private static Map<String, Object> object(JsonParser parser, int depth) throws IOException {
        checkDepth(depth);
        Map<String, Object> members = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            Object value = value(parser, parser.nextToken(), depth);
            if (members.containsKey(name)) {
                throw new IOException("Duplicate member name");
            }
            members.put(name, value);
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("Unterminated JSON object");
        }
        return Collections.unmodifiableMap(members);
    }

    private static List<Object> array(JsonParser parser, int depth) throws IOException {
        checkDepth(depth);
        List<Object> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("Unterminated JSON array");
            }
            items.add(value(parser, token, depth));
        }
        return Collections.unmodifiableList(items);
    }

    private static void checkDepth(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH);
        }
    }
}
