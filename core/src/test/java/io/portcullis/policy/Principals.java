package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.util.Map;
import java.util.Set;

/** Verified callers for tests. */
final class Principals {

    static final String ISSUER = "https://127.0.0.1:8443/realms/shop";

    private Principals() {
    }

    static TokenPrincipal.Builder caller(String subject) {
        return TokenPrincipal.builder(subject, ISSUER);
    }

    static TokenPrincipal withRoles(String... roles) {
        return caller("alice").roles(Set.of(roles)).build();
    }

    static TokenPrincipal withScopes(String... scopes) {
        return caller("alice").scopes(Set.of(scopes)).build();
    }

    static TokenPrincipal withClaims(Map<String, Object> claims) {
        return caller("alice").claims(claims).build();
    }
}
