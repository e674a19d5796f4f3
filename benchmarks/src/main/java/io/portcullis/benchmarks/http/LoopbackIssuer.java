package io.portcullis.benchmarks.http;

import io.portcullis.Portcullis;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TokenBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A testkit issuer on 127.0.0.1 that serves its discovery document and JWKS over real HTTP, the
 * policy file that trusts it, and the tokens the measurement sends.
 */
final class LoopbackIssuer implements AutoCloseable {

    /** The audience of every token and of the policy. */
    static final String AUDIENCE = "hello-api";

    /** Long enough for any run: a token that expired mid-run would turn 200s into 401s. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private final TestIssuer issuer;
    private final Path policyFile;

    private LoopbackIssuer(TestIssuer issuer, Path policyFile) {
        this.issuer = issuer;
        this.policyFile = policyFile;
    }

    /** Starts the issuer and writes its policy file into a new temporary directory. */
    static LoopbackIssuer start() {
        TestIssuer issuer = TestIssuer.builder()
                .realm("bench")
                .tokenLifetime(TOKEN_LIFETIME)
                .tokenDefaults(t -> t.audience(AUDIENCE, "account"))
                .start();
        try {
            Path dir = Files.createTempDirectory("portcullis-request-path");
            Path file = dir.resolve("policy.yaml");
            Files.writeString(file, policy(issuer), StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new LoopbackIssuer(issuer, file);
        } catch (IOException e) {
            issuer.close();
            throw new UncheckedIOException(e);
        }
    }

    /** One rule requiring a realm role for the measured path, and one public path. */
    private static String policy(TestIssuer issuer) {
        return String.join("\n",
                "version: 1",
                "issuers:",
                "  - issuer: " + issuer.issuer(),
                "    discovery: true",
                "    audiences: [" + AUDIENCE + "]",
                "rules:",
                "  - name: health",
                "    match: {methods: [GET], paths: [" + Hello.PUBLIC_PATH + "]}",
                "    public: true",
                "  - name: hello",
                "    match: {methods: [GET], paths: [" + Hello.PATH + "]}",
                "    require:",
                "      roles: {anyOf: [" + Hello.ROLE + "]}",
                "");
    }

    /** Loads the policy into a new gate with its defaults (verified-token cache on). */
    Portcullis portcullis() throws PolicyLoadException {
        return Portcullis.fromPolicy(policyFile.toString());
    }

    /** Returns a token with the role the measured path needs. */
    String token() {
        return keycloakShaped().realmRoles("default-roles-bench", "offline_access", Hello.ROLE)
                .sign();
    }

    /** Returns a valid token without that role. */
    String tokenWithoutRole() {
        return keycloakShaped().realmRoles("default-roles-bench", "offline_access").sign();
    }

    /** Returns a token with the claims a Keycloak access token has, about 1.5 KB signed. */
    private TokenBuilder keycloakShaped() {
        return issuer.token()
                .subject("f47ac10b-58cc-4372-a567-0e02b2c3d479")
                .clientId("hello-web")
                .claim("auth_time", issuer.clock().instant().getEpochSecond())
                .claim("sid", "1b4e28ba-2fa1-11d2-883f-0016d3cca427")
                .claim("acr", "1")
                .claim("allowed-origins", List.of("https://hello.example.com"))
                .clientRoles(AUDIENCE, "hello:read")
                .clientRoles("account", "manage-account", "view-profile")
                .claim("email_verified", true)
                .claim("name", "Ada Lovelace")
                .claim("preferred_username", "ada")
                .claim("given_name", "Ada")
                .claim("family_name", "Lovelace")
                .claim("email", "ada@example.com");
    }

    String issuerId() {
        return issuer.issuer();
    }

    @Override
    public void close() {
        issuer.close();
    }
}
