package io.portcullis.spring;

import io.portcullis.testkit.TestIssuer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The loopback issuer most tests share. It is started once per test JVM, before the first
 * application context, and lives as long as Spring's cached contexts that trust it.
 */
public final class TestIssuers {

    public static final String AUDIENCE = "orders-api";

    private static TestIssuer shared;

    private TestIssuers() {
    }

    /** Returns the shared issuer, whose tokens are meant for {@value #AUDIENCE}. */
    public static synchronized TestIssuer shared() {
        if (shared == null) {
            shared = TestIssuer.builder().tokenDefaults(t -> t.audience(AUDIENCE)).start();
        }
        return shared;
    }

    /** Trusts {@code issuer} through {@code portcullis.issuers[0]}, with discovery. */
    public static void trust(DynamicPropertyRegistry registry, TestIssuer issuer) {
        registry.add("portcullis.issuers[0].issuer-uri", issuer::issuer);
        registry.add("portcullis.issuers[0].discovery", () -> "true");
        registry.add("portcullis.issuers[0].audiences", () -> AUDIENCE);
    }
}
