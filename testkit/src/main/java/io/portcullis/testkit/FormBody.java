package io.portcullis.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} request body (RFC 6749 appendix B) as the token
 * endpoint reads it: one value a name, a repeated name is an error.
 */
final class FormBody {

    /** Largest body read, in bytes; a token request is a few hundred. */
    static final int MAX_BYTES = 64 * 1024;

    private final Map<String, String> values;
    private final String repeated;

    private FormBody(Map<String, String> values, String repeated) {
        this.values = values;
        this.repeated = repeated;
    }

    /**
     * Reads and decodes the body.
     *
     * @throws IOException if the body is larger than {@link #MAX_BYTES} or cannot be read
     */
    static FormBody read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("form body larger than " + MAX_BYTES + " bytes");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    static FormBody parse(String body) {
        Map<String, String> values = new HashMap<>();
        String repeated = null;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                repeated = name;
            }
        }
        return new FormBody(values, repeated);
    }

    /** Returns the value of a parameter; an empty value counts as absent (RFC 6749 section 3.1). */
    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    /** Returns a parameter given more than once, which RFC 6749 section 3.1 forbids. */
    Optional<String> repeatedParameter() {
        return Optional.ofNullable(repeated);
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
