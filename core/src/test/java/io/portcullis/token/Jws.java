package io.portcullis.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs raw headers and claims, so validator tests can make tokens no honest issuer would. */
final class Jws {

    private Jws() {
    }

    static String sign(JWK key, JWSAlgorithm alg, Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build(), key, claims);
    }

    static String sign(JWSHeader header, JWK key, Map<String, Object> claims) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(claims));
            jws.sign(signer(key));
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSSigner signer(JWK key) throws Exception {
        if (key instanceof RSAKey) {
            return new RSASSASigner((RSAKey) key);
        }
        if (key instanceof ECKey) {
            return new ECDSASigner((ECKey) key);
        }
        if (key instanceof OctetKeyPair) {
            return new Ed25519Signer((OctetKeyPair) key);
        }
        return new MACSigner((OctetSequenceKey) key);
    }

    /** Returns a compact token made of these raw parts, base64url-encoded, signature as given. */
    static String raw(String headerJson, String payloadJson, String signature) {
        return Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(payloadJson.getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    /** Returns a copy of {@code claims} with {@code name} set to {@code value} (null removes). */
    static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }
}
