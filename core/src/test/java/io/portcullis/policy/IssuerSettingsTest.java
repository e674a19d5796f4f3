package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IssuerSettingsTest {

    private static Policy parse(Map<String, String> env, String text) throws PolicyLoadException {
        return PolicyLoader.builder().environment(env).build().parse(text, "issuers.yaml");
    }

    private static void failsAt(String issuerYaml, int line, String message) {
        String text = "version: 1\nissuers:\n" + issuerYaml + "rules: []\n";
        assertThatThrownBy(() -> parse(Map.of(), text))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((PolicyLoadException) e).line()).isEqualTo(line));
    }

    @Test
    void readsIssuersWithEnvironmentSubstitution() throws Exception {
        Policy policy = parse(Map.of("IDP", "https://127.0.0.1:8443", "SKEW", "45s"), """
                version: 1
                issuers:
                  - issuer: ${IDP}/realms/shop
                    discovery: true
                    audiences: orders-api
                    rolePreset: keycloak
                    client: orders-service
                    clockSkew: ${SKEW:30s}
                    tokenType: access-token
                    algorithms: [RS256, ES256]
                  - issuer: http://127.0.0.1:9000
                    jwksUri: ${JWKS:http://127.0.0.1:9000/keys}
                    audiences: [orders-api, reports-api]
                    rolePreset: groups
                    claimMapping:
                      roles: ["https://example.com/claims", roles]
                      scopes: scp
                rules: []
                """);

        IssuerSettings keycloak = policy.issuers().get(0);
        assertThat(keycloak.issuer()).isEqualTo("https://127.0.0.1:8443/realms/shop");
        assertThat(keycloak.discoveryUri()).contains(URI.create(
                "https://127.0.0.1:8443/realms/shop/.well-known/openid-configuration"));
        assertThat(keycloak.jwksUri()).isEmpty();
        assertThat(keycloak.audiences()).containsExactly("orders-api");
        assertThat(keycloak.algorithms()).containsExactly("RS256", "ES256");
        assertThat(keycloak.tokenType()).contains("access-token");
        assertThat(keycloak.clockSkew()).isEqualTo(Duration.ofSeconds(45));
        assertThat(keycloak.rolePreset()).isEqualTo(RolePreset.KEYCLOAK);
        assertThat(keycloak.client()).contains("orders-service");
        assertThat(keycloak.claimMapping().rolesClaim()).containsExactly("realm_access", "roles");
        assertThat(keycloak.claimMapping().clientRolesClaim())
                .contains(List.of("resource_access"));
        assertThat(keycloak.line()).isEqualTo(3);

        IssuerSettings other = policy.issuers().get(1);
        assertThat(other.jwksUri()).contains(URI.create("http://127.0.0.1:9000/keys"));
        assertThat(other.algorithms()).containsExactly("RS256");
        assertThat(other.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(other.tokenType()).isEmpty();
        assertThat(other.rolePreset()).isEqualTo(RolePreset.GROUPS);
        assertThat(other.claimMapping().rolesClaim())
                .containsExactly("https://example.com/claims", "roles");
        assertThat(other.claimMapping().scopeClaims()).containsExactly("scp");
        assertThat(other.claimMapping().clientRolesClaim()).isEmpty();
    }

    @Test
    void defaultsToTheKeycloakPreset() throws Exception {
        Policy policy = parse(Map.of(), """
                version: 1
                issuers:
                  - issuer: https://127.0.0.1:8443
                    discovery: https://127.0.0.1:8443/custom/openid-configuration
                    audiences: [api]
                rules: []
                """);

        IssuerSettings issuer = policy.issuers().get(0);
        assertThat(issuer.rolePreset()).isEqualTo(RolePreset.KEYCLOAK);
        assertThat(issuer.claimMapping().rolesClaim()).containsExactly("realm_access", "roles");
        assertThat(issuer.claimMapping().scopeClaims()).containsExactly("scope", "scp");
        assertThat(issuer.client()).isEqualTo(Optional.empty());
        assertThat(issuer.discoveryUri())
                .contains(URI.create("https://127.0.0.1:8443/custom/openid-configuration"));
    }

    @Test
    void refusesIncompleteOrUnsafeIssuers() {
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    audiences: [api]
                """, 3, "needs jwksUri or discovery");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    jwksUri: https://127.0.0.1:8443/keys
                    discovery: true
                    audiences: [api]
                """, 3, "gives both jwksUri and discovery");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                """, 3, "needs 'audiences'");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    jwksUri: http://192.0.2.10/keys
                    audiences: [api]
                """, 4, "plain http is allowed only for loopback addresses");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                    algorithms: [HS256]
                """, 6, "needs a shared secret");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                    algorithms: [none]
                """, 6, "'none' is never accepted");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                    clockSkew: 1h
                """, 6, "clockSkew must be between 0s and 5m");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                    clockSkew: soon
                """, 6, "clockSkew must be a duration");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                    rolePreset: groups
                    client: orders
                """, 7, "client names a Keycloak client and needs rolePreset: keycloak");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                    jwks: https://127.0.0.1:8443/keys
                """, 6, "unknown key 'jwks' in an issuer");
        failsAt("""
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                  - issuer: https://127.0.0.1:8443
                    discovery: true
                    audiences: [api]
                """, 6, "listed twice (first at line 3)");
    }
}
