package io.portcullis.vertx;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Copies a verified token's claims into Vert.x JSON, looking at each value's type. */
final class JsonValues {

    private JsonValues() {
    }

    /** Returns a mutable copy of {@code claims}; nested maps and lists are copied too. */
    static JsonObject object(Map<?, ?> claims) {
        JsonObject object = new JsonObject();
        for (Map.Entry<?, ?> claim : claims.entrySet()) {
            object.put(String.valueOf(claim.getKey()), value(claim.getValue()));
        }
        return object;
    }

    private static JsonArray array(List<?> values) {
        JsonArray array = new JsonArray();
        for (Object value : values) {
            array.add(value(value));
        }
        return array;
    }

    /**
     * Returns {@code value} as a JSON value. Claims hold only strings, booleans, numbers, lists
     * and maps; anything else would be written as text rather than failing the request.
     */
    private static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Number) {
            return value;
        }
        if (value instanceof Map) {
            return object((Map<?, ?>) value);
        }
        if (value instanceof List) {
            return array((List<?>) value);
        }
        return value.toString();
    }
}
