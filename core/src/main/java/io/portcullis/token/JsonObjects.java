package io.portcullis.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * comments or other extensions, strict UTF-8 without a byte order mark, and nesting at most
 * {@value #MAX_DEPTH} deep. Integers too large for a {@code long} become {@code Double}.
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
        checkEncoding(utf8, offset, length);
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

    /**
     * Refuses anything but strict UTF-8 that starts, after JSON whitespace, with an opening
     * brace (RFC 8259 section 8.1). Jackson would otherwise detect UTF-16 and UTF-32, skip a byte
     * order mark and read overlong or out-of-range sequences, so that bytes an issuer signed
     * could read differently here than in the issuer's own parser.
     */
    private static void checkEncoding(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int first = offset;
        while (first < end && isWhitespace(bytes[first])) {
            first++;
        }
        if (first == end || bytes[first] != '{') {
            throw new IOException("Not a JSON object");
        }
        boolean ascii = true;
        for (int i = first; i < end; i++) {
            byte b = bytes[i];
            if (b == 0) {
                // Never valid unescaped in JSON; in the first bytes it would also make Jackson
                // guess UTF-16 or UTF-32.
                throw new IOException("A NUL byte in JSON");
            }
            ascii &= b > 0;
        }
        if (!ascii) {
            // The JDK's decoder refuses overlong forms, surrogates and code points past
            // U+10FFFF; it allocates, so it runs only for the rare token that is not ASCII.
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
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
