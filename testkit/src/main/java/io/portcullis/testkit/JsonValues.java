package io.portcullis.testkit;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the values a test hands over for claims and header parameters into plain JSON values,
 * copied so that a later change to the caller's map or list does not reach a token.
 */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * Returns a JSON-ready copy of {@code value}: {@code null}, strings, booleans, finite numbers,
     * maps with string keys, collections and arrays; an {@link Instant} becomes epoch seconds
     * (RFC 7519 section 2, NumericDate).
     *
     * @throws IllegalArgumentException naming {@code name} when the value has no JSON form
     */
    static Object copy(String name, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return checkedNumber(name, number);
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(name, map);
        }
        if (value instanceof Collection<?> collection) {
            return copyList(name, collection);
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return copyList(name, items);
        }
        throw new IllegalArgumentException(
                "'" + name + "' has no JSON form: " + value.getClass().getName());
    }

    private static Object checkedNumber(String name, Number number) {
        boolean integral = number instanceof Integer || number instanceof Long
                || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger || number instanceof BigDecimal;
        if (integral) {
            return number;
        }
        if ((number instanceof Double || number instanceof Float)
                && Double.isFinite(number.doubleValue())) {
            return number;
        }
        throw new IllegalArgumentException(
                "'" + name + "' is not a finite JSON number: " + number);
    }

    private static Map<String, Object> copyMap(String name, Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(
                        "'" + name + "' holds a map whose key is not a string: " + entry.getKey());
            }
            copy.put(key, copy(name + "." + key, entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static List<Object> copyList(String name, Collection<?> items) {
        List<Object> copy = new ArrayList<>(items.size());
        for (Object item : items) {
            copy.add(copy(name + "[]", item));
        }
        return Collections.unmodifiableList(copy);
    }
}
