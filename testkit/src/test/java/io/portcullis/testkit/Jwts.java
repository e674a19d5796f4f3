package io.portcullis.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

/** Checks minted tokens the way a validator would, with Nimbus and nothing from the testkit. */
final class Jwts {

    private Jwts() {
    }

    static JWKSet fetchJwks(TestIssuer issuer) {
        HttpResponse<String> response = Http.get(issuer.jwksUri());
        try {
            return JWKSet.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("JWKS does not parse: " + response.body(), e);
        }
    }

    static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new AssertionError("not a JWS: " + token, e);
        }
    }

    /** Verifies with the signing key the header's kid names; false if there is none. */
    static boolean verifies(String token, JWKSet jwks) {
        SignedJWT jwt = parse(token);
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null || !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        try {
            return jwt.verify(verifier(key));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static boolean verifiesWithSecret(String token, byte[] secret) {
        try {
            return parse(token).verify(new MACVerifier(secret));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static JWSVerifier verifier(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSAVerifier(ec);
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Verifier(okp);
        }
        throw new AssertionError("unexpected key type " + key.getKeyType());
    }

    /** Returns a compact token's header as a JSON map, without Nimbus's header checks. */
    static Map<String, Object> header(String token) {
        return part(token, 0);
    }

    /** Returns a compact token's payload as a JSON map. */
    static Map<String, Object> payload(String token) {
        return part(token, 1);
    }

    static Map<String, Object> json(String text) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Map<String, Object> part(String token, int index) {
        String[] parts = token.split("\\.", -1);
        return json(new com.nimbusds.jose.util.Base64URL(parts[index]).decodeToString());
    }
}
