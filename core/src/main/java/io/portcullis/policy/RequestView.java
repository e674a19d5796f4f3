package io.portcullis.policy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy engine sees of an HTTP request, independent of any framework: the method, the
 * path exactly as it arrived (before any decoding or normalisation), the headers and the query
 * parameters. Adapters build one per request; instances are immutable.
 *
 * <p>Header names are looked up case-insensitively (RFC 9110 section 5.1) and stored lower-case;
 * a header may have several values. Query parameter names are case-sensitive.
 */
public final class RequestView {

    private final String method;
    private final String rawPath;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> queryParameters;

    private RequestView(Builder b) {
        this.method = b.method;
        this.rawPath = b.rawPath;
        this.headers = freeze(b.headers);
        this.queryParameters = freeze(b.queryParameters);
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> source) {
        if (source.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        source.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** Returns a view with no headers and no query parameters. */
    public static RequestView of(String method, String rawPath) {
        return builder(method, rawPath).build();
    }

    /**
     * Starts a view of a request.
     *
     * @param method the HTTP method, upper-cased here (see {@link #method()})
     * @param rawPath the path as received, without query string or fragment, not decoded
     */
    public static Builder builder(String method, String rawPath) {
        return new Builder(method, rawPath);
    }

    /**
     * Returns the method, upper-cased. Methods are case-sensitive (RFC 9110 section 9.1), but a
     * server that routes {@code delete} like {@code DELETE} must not let it escape a rule
     * written for {@code DELETE}, so rules see every method upper-cased.
     */
    public String method() {
        return method;
    }

    /** Returns the path as received, before normalisation. */
    public String rawPath() {
        return rawPath;
    }

    /** Returns the first value of the header {@code name} (any case), empty when absent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(lowerCase(Objects.requireNonNull(name, "name")));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns every value of the header {@code name} (any case), in order received. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(lowerCase(Objects.requireNonNull(name, "name")), List.of());
    }

    /** Returns all headers by lower-case name. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Returns the first value of the query parameter {@code name}, empty when absent. */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns every value of the query parameter {@code name}. */
    public List<String> queryParameterValues(String name) {
        return queryParameters.getOrDefault(Objects.requireNonNull(name, "name"), List.of());
    }

    /** Returns all query parameters by name, decoded. */
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    /** Names the method and raw path only: header values may carry credentials. */
    @Override
    public String toString() {
        return method + " " + rawPath;
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Assembles a request view. */
    public static final class Builder {
        private final String method;
        private final String rawPath;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final Map<String, List<String>> queryParameters = new LinkedHashMap<>();

        private Builder(String method, String rawPath) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
        }

        /** Adds one value of a header; the name is matched in any case. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                // As servlet containers answer for a header that is absent.
                return this;
            }
            headers.computeIfAbsent(lowerCase(name), n -> new ArrayList<>()).add(value);
            return this;
        }

        /** Adds several headers with their values. */
        public Builder headers(Map<String, ? extends Collection<String>> headers) {
            Objects.requireNonNull(headers, "headers").forEach((name, values) -> {
                for (String value : values) {
                    header(name, value);
                }
            });
            return this;
        }

        /** Adds one value of a query parameter, already decoded. */
        public Builder queryParameter(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            queryParameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Adds the parameters of a raw query string ({@code a=1&b=x%20y}, without {@code ?}),
         * decoded as {@code application/x-www-form-urlencoded} UTF-8; a pair whose escapes are
         * broken is kept as written.
         */
        public Builder queryString(String rawQuery) {
            if (rawQuery == null || rawQuery.isEmpty()) {
                return this;
            }
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                queryParameter(decode(name), decode(value));
            }
            return this;
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }

        /** Returns the immutable view. */
        public RequestView build() {
            return new RequestView(this);
        }
    }
}
