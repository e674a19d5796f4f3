package io.portcullis.token;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A token split into its three parts (RFC 7515 section 7.1) with the header read and the payload
 * parsed, before anything about it is trusted.
 *
 * <p>Only the compact serialization is accepted: a JWE (five parts), the JSON serialization and
 * an unsecured JWT ({@code alg: none}, RFC 7519 section 6) are refused as malformed or by
 * algorithm. Characters outside the base64url alphabet are refused by the decoding of each part,
 * before any JSON is read.
 *
 * <p>The token is turned into bytes once; the signing input is a prefix of them, so the
 * signature check reads it in place.
 */
final class CompactJws {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** The token's ASCII bytes; {@code header.payload}, the signing input, is a prefix. */
    final byte[] ascii;
    /** The length of the signing input in {@link #ascii}. */
    final int signingInputLength;
    final JWSAlgorithm algorithm;
    final String keyId;
    final String type;
    /** The claims, immutable, as {@link JsonObjects} reads them. */
    final Map<String, Object> claims;
    final byte[] signature;

    private CompactJws(byte[] ascii, int signingInputLength, JWSAlgorithm algorithm, String keyId,
            String type, Map<String, Object> claims, byte[] signature) {
        this.ascii = ascii;
        this.signingInputLength = signingInputLength;
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.type = type;
        this.claims = claims;
        this.signature = signature;
    }

    /** Splits and reads {@code token}, refusing anything that is not a well-formed JWS. */
    static CompactJws parse(String token, int maxLength) throws Refusal {
        if (token.isEmpty()) {
            throw new Refusal(Reason.MALFORMED, "The token is empty");
        }
        if (token.length() > maxLength) {
            throw new Refusal(Reason.TOO_LARGE, "The token is longer than " + maxLength
                    + " characters");
        }
        // Every character is checked by the base64url decoder of its part, which refuses all
        // but A-Z a-z 0-9 - _ (non-Latin-1 characters become '?' here, refused the same way).
        // It would take '=' padding at the end of a part, which JWS forbids (RFC 7515
        // section 2), so that is refused first.
        if (token.indexOf('=') >= 0) {
            throw new Refusal(Reason.MALFORMED, "The token is not a compact JWS: it holds "
                    + "characters outside base64url");
        }
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        if (ascii.length != token.length()) {
            // A surrogate pair became one '?': the parts must be found in the bytes.
            throw new Refusal(Reason.MALFORMED, "The token is not a compact JWS: it holds "
                    + "characters outside base64url");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        int dots = 0;
        for (int dot = firstDot; dot >= 0; dot = token.indexOf('.', dot + 1)) {
            dots++;
        }
        if (dots == 4) {
            throw new Refusal(Reason.MALFORMED, "Encrypted tokens (JWE) are not accepted");
        }
        if (dots != 2) {
            throw new Refusal(Reason.MALFORMED, "The token is not a compact JWS: it must have "
                    + "three parts");
        }
        if (firstDot == 0 || secondDot == firstDot + 1) {
            throw new Refusal(Reason.MALFORMED, "The token has an empty header or payload");
        }
        if (secondDot == token.length() - 1) {
            throw new Refusal(Reason.ALGORITHM, "Unsigned tokens are not accepted");
        }

        Map<String, Object> header = json(ascii, 0, firstDot, "header");
        JWSAlgorithm algorithm = algorithm(header);
        String keyId = optionalString(header, "kid", Reason.MALFORMED);
        String type = optionalString(header, "typ", Reason.MALFORMED);
        if (header.containsKey("crit")) {
            // RFC 7515 section 4.1.11: a critical extension that is not understood must be
            // refused. This library understands none.
            throw new Refusal(Reason.CRIT, "The token names critical header extensions that are "
                    + "not supported");
        }
        Map<String, Object> claims = json(ascii, firstDot + 1, secondDot, "payload");
        byte[] signature = decode(ascii, secondDot + 1, ascii.length);
        if (signature == null) {
            throw new Refusal(Reason.MALFORMED, "The token signature is not base64url");
        }
        return new CompactJws(ascii, secondDot, algorithm, keyId, type, claims, signature);
    }

    /** Returns the base64url bytes of {@code ascii[from, to)} decoded, or null when invalid. */
    private static byte[] decode(byte[] ascii, int from, int to) {
        ByteBuffer decoded;
        try {
            decoded = BASE64URL.decode(ByteBuffer.wrap(ascii, from, to - from));
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] array = decoded.array();
        int start = decoded.arrayOffset() + decoded.position();
        return start == 0 && decoded.remaining() == array.length ? array
                : Arrays.copyOfRange(array, start, start + decoded.remaining());
    }

    private static Map<String, Object> json(byte[] ascii, int from, int to, String part)
            throws Refusal {
        byte[] utf8 = decode(ascii, from, to);
        if (utf8 == null) {
            throw new Refusal(Reason.MALFORMED, "The token " + part + " is not base64url");
        }
        try {
            return JsonObjects.read(utf8, 0, utf8.length);
        } catch (IOException | RuntimeException e) {
            // Whatever the JSON parser makes of hostile input is the caller's malformed token,
            // not a failure of this service.
            throw new Refusal(Reason.MALFORMED, "The token " + part + " is not a JSON object");
        }
    }

    private static JWSAlgorithm algorithm(Map<String, Object> header) throws Refusal {
        Object alg = header.get("alg");
        if (!(alg instanceof String)) {
            throw new Refusal(Reason.MALFORMED, "The token header has no alg");
        }
        String name = (String) alg;
        if (name.equalsIgnoreCase("none")) {
            throw new Refusal(Reason.ALGORITHM, "Unsigned tokens are not accepted");
        }
        JWSAlgorithm known = KnownAlgorithms.find(name);
        if (known == null) {
            throw new Refusal(Reason.ALGORITHM, "The token algorithm is not supported");
        }
        return known;
    }

    /** Returns a string member, null when absent; any other JSON type is refused. */
    static String optionalString(Map<String, Object> map, String name, Reason reason)
            throws Refusal {
        Object value = map.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        String what = reason == Reason.CLAIMS ? "claim " : "header parameter ";
        throw new Refusal(reason, "The token " + what + name + " is not a string");
    }

    /** The JWS algorithms this library can verify, by their exact registered names. */
    static final class KnownAlgorithms {
        private static final Map<String, JWSAlgorithm> BY_NAME = byName(List.of(
                JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
                JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
                JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519,
                JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512));

        private KnownAlgorithms() {
        }

        static JWSAlgorithm find(String name) {
            return BY_NAME.get(name);
        }

        private static Map<String, JWSAlgorithm> byName(List<JWSAlgorithm> algorithms) {
            Map<String, JWSAlgorithm> map = new java.util.HashMap<>();
            for (JWSAlgorithm algorithm : algorithms) {
                map.put(algorithm.getName(), algorithm);
            }
            return Map.copyOf(map);
        }
    }
}
