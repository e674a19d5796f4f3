package io.portcullis.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the JWS compact serialization (RFC 7515 section 7.1) from header and payload maps as
 * given, so that tests can put any parameter in the header, registered ones included, which
 * Nimbus's own header builder refuses.
 */
final class CompactJws {

    private CompactJws() {
    }

    /**
     * Signs {@code BASE64URL(header) || '.' || BASE64URL(payload)} with {@code signer} under
     * {@code algorithm}, whatever the header's own {@code alg} says.
     */
    static String sign(Map<String, Object> header, String payload, JWSSigner signer,
            JWSAlgorithm algorithm) {
        String signingInput = encode(header) + "." + Base64URL.encode(payload);
        try {
            Base64URL signature = signer.sign(
                    new JWSHeader(algorithm), signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign with " + algorithm, e);
        }
    }

    /** Returns the unsecured form (RFC 7519 section 6.1): the signature part is empty. */
    static String unsecured(Map<String, Object> header, Map<String, Object> payload) {
        return encode(header) + "." + encode(payload) + ".";
    }

    /** Returns {@code token} with its payload swapped for {@code payload}, signature kept. */
    static String withPayload(String token, Map<String, Object> payload) {
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        return token.substring(0, first) + "." + encode(payload) + token.substring(last);
    }

    static String encode(Map<String, Object> json) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(json)).toString();
    }
}
