package io.portcullis.servlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Policy files for the tests: one loopback issuer with the audience {@code shop}. */
final class Policies {

    /** Rules a shop might have: public health, admin pages, orders by scope, async pages. */
    static final String SHOP_RULES = """
              - name: health
                match: {methods: [GET], paths: [/health]}
                public: true
              - name: admin
                match: {paths: [/admin, "/admin/**"]}
                require:
                  roles: {anyOf: [admin]}
              - name: orders
                match: {methods: [GET, POST], paths: [/orders, "/orders/**"]}
                require:
                  scopes: {anyOf: ["orders:read"]}
              - name: members
                match: {paths: ["/members/**"]}
                authenticated: true
            """;

    private Policies() {
    }

    /** Writes a policy trusting {@code issuer} with {@code rules} (already indented). */
    static Path write(Path dir, String issuer, String rules) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "version: 1\n"
                + "issuers:\n"
                + "  - issuer: " + issuer + "\n"
                + "    discovery: true\n"
                + "    audiences: [shop]\n"
                + "rules:\n"
                + rules);
        return file;
    }
}
