package io.portcullis.examples.keycloak;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads Keycloak access tokens in tests: claims in Keycloak's layout, signature against a JWKS. */
final class Tokens {

    private Tokens() {
    }

    /** Parses a compact JWS, failing the test if it is not one. */
    static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new AssertionError("not a signed JWT: " + e.getMessage(), e);
        }
    }

    /** The claims set of a parsed token. */
    static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("the payload is not a JWT claims set", e);
        }
    }

    /** {@code realm_access.roles}, empty when absent. */
    static List<String> realmRoles(JWTClaimsSet claims) {
        return roles(claims, "realm_access", null);
    }

    /** {@code resource_access.<client>.roles}, empty when absent. */
    static List<String> clientRoles(JWTClaimsSet claims, String client) {
        return roles(claims, "resource_access", client);
    }

    /** The words of the space-separated {@code scope} claim. */
    static Set<String> scopes(JWTClaimsSet claims) {
        try {
            String scope = claims.getStringClaim("scope");
            return scope == null ? Set.of() : Set.of(scope.trim().split(" +"));
        } catch (ParseException e) {
            throw new AssertionError("scope is not a string", e);
        }
    }

    /**
     * Returns if the token's signature verifies with the JWKS key its {@code kid} names; fails if
     * there is no such key or it is not a signing key.
     */
    static boolean verifies(SignedJWT jwt, JWKSet jwks) {
        String kid = jwt.getHeader().getKeyID();
        JWK key = jwks.getKeyByKeyId(kid);
        if (key == null) {
            throw new AssertionError("no key " + kid + " in the JWKS");
        }
        if (!KeyUse.SIGNATURE.equals(key.getKeyUse())
                || !(key instanceof AsymmetricJWK asymmetric)) {
            throw new AssertionError("key " + kid + " is not an asymmetric signing key");
        }
        try {
            JWSVerifier verifier = new DefaultJWSVerifierFactory()
                    .createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            throw new AssertionError("cannot verify with key " + kid + ": " + e.getMessage(), e);
        }
    }

    private static List<String> roles(JWTClaimsSet claims, String claim, String client) {
        try {
            Map<String, Object> access = claims.getJSONObjectClaim(claim);
            if (access != null && client != null) {
                access = JSONObjectUtils.getJSONObject(access, client);
            }
            if (access == null) {
                return List.of();
            }
            List<String> roles = JSONObjectUtils.getStringList(access, "roles");
            return roles == null ? List.of() : roles;
        } catch (ParseException e) {
            throw new AssertionError(claim + " is not in Keycloak's layout", e);
        }
    }
}
