package io.portcullis.vertx;

import io.portcullis.testkit.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The policy file of the tests, trusting loopback test issuers. */
final class TestPolicy {

    /** The audience every test token carries. */
    static final String AUDIENCE = "orders-api";

    static final String RULES = String.join("\n",
            "rules:",
            "  - name: health",
            "    match: {methods: [GET], paths: [/health]}",
            "    public: true",
            "  - name: public",
            "    match: {paths: [\"/public/**\"]}",
            "    public: true",
            "  - name: list-orders",
            "    match: {methods: [GET], paths: [/orders]}",
            "    require:",
            "      scopes: {anyOf: [\"orders:read\"]}",
            "  - name: admin",
            "    match: {paths: [\"/admin/**\"]}",
            "    require:",
            "      roles: {anyOf: [admin]}",
            "  - name: me",
            "    match: {methods: [GET], paths: [\"/me/**\"]}",
            "    authenticated: true",
            "");

    private TestPolicy() {
    }

    /** Returns the policy text trusting {@code issuers}, each by its JWKS URI. */
    static String text(TestIssuer... issuers) {
        StringBuilder text = new StringBuilder("version: 1\nissuers:\n");
        for (TestIssuer issuer : issuers) {
            text.append("  - issuer: ").append(issuer.issuer()).append('\n')
                    .append("    jwksUri: ").append(issuer.jwksUri()).append('\n')
                    .append("    audiences: [").append(AUDIENCE).append("]\n")
                    .append("    rolePreset: keycloak\n")
                    .append("    client: orders-service\n");
        }
        return text.append(RULES).toString();
    }

    /** Writes the policy trusting {@code issuers} into {@code dir} and returns its path. */
    static String write(Path dir, TestIssuer... issuers) {
        try {
            Path file = Files.createTempFile(dir, "policy", ".yaml");
            Files.writeString(file, text(issuers), StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
