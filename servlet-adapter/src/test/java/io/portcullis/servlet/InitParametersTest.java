package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import jakarta.servlet.ServletException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filter the container makes and configures from init parameters, as a {@code web.xml} does,
 * and its start-up failures.
 */
class InitParametersTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    @TempDir
    Path dir;

    final Probe probe = new Probe();

    Site start(Map<String, String> parameters) throws Exception {
        return start(new FilterHolder(PortcullisFilter.class), parameters);
    }

    Site start(FilterHolder filter, Map<String, String> parameters) throws Exception {
        filter.setName("portcullis");
        filter.setInitParameters(parameters);
        return Site.start("/shop", context -> {
            Site.guard(context, filter);
            context.addServlet(new ServletHolder(probe), "/");
        });
    }

    String policy() throws Exception {
        return Policies.write(dir, issuer.issuer(), Policies.SHOP_RULES).toString();
    }

    @Test
    void thePolicyFileNamesTheIssuersAndTheRules() throws Exception {
        try (Site site = start(Map.of("policy", policy()))) {
            String token = issuer.token().subject("alice").scope("orders:read").sign();

            assertThat(site.get("/orders").headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"portcullis\"");
            HttpResponse<String> allowed = site.get("/orders", "Authorization", "Bearer " + token);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).startsWith("principal=alice\n");
            assertThat(site.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theRealmParameterNamesTheRealmOfChallenges() throws Exception {
        try (Site site = start(Map.of("policy", policy(), "realm", "shop"))) {
            HttpResponse<String> response = site.get("/orders");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"shop\"");
        }
    }

    @Test
    void theFormBodyTokenParameterAcceptsFormTokens() throws Exception {
        try (Site site = start(Map.of("policy", policy(), "formBodyToken", "true"))) {
            String token = issuer.token().subject("alice").scope("orders:read").sign();
            HttpResponse<String> response = site.send(site.request("/orders",
                    "Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("access_token=" + token)));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("principal=alice\n");
        }
    }

    @Test
    void aBrokenPolicyFailsAtStartNamingTheFileAndLine() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "version: 1\n"
                + "issuers:\n"
                + "  - issuer: " + issuer.issuer() + "\n"
                + "    discovery: true\n"
                + "    audiences: [shop]\n"
                + "rules:\n"
                + "  - name: orders\n"
                + "    match: {paths: [/orders]}\n"
                + "    requires:\n"
                + "      scopes: {anyOf: [\"orders:read\"]}\n");

        assertStartFails(() -> start(Map.of("policy", file.toString())),
                "PortcullisFilter 'portcullis' cannot load its policy: " + file
                        + ":9:5: unknown key 'requires' in rule 'orders'");
        assertThat(probe.calls()).isZero();
    }

    @Test
    void aMissingPolicyFileFailsAtStartNamingIt() {
        Path file = dir.resolve("absent.yaml");

        assertStartFails(() -> start(Map.of("policy", file.toString())),
                "PortcullisFilter 'portcullis' cannot load its policy: " + file);
    }

    @Test
    void aMissingPolicyParameterFailsAtStart() {
        assertStartFails(() -> start(Map.of("realm", "shop")),
                "PortcullisFilter 'portcullis' needs the init parameter 'policy'");
    }

    @Test
    void aWrongFormBodyTokenValueFailsAtStart() {
        assertStartFails(() -> start(Map.of("policy", policy(), "formBodyToken", "yes")),
                "PortcullisFilter 'portcullis' has the init parameter 'formBodyToken' = 'yes'; "
                        + "it must be true or false");
    }

    @Test
    void aBlankParameterFailsAtStart() {
        assertStartFails(() -> start(Map.of("policy", policy(), "realm", " ")),
                "PortcullisFilter 'portcullis' has the init parameter 'realm' without a value");
    }

    @Test
    void aPolicyParameterBesideAPortcullisInstanceFailsAtStart() throws Exception {
        try (Portcullis gate = Portcullis.fromPolicy(policy())) {
            assertStartFails(() -> start(new FilterHolder(new PortcullisFilter(gate)),
                    Map.of("policy", policy())),
                    "PortcullisFilter 'portcullis' was given a Portcullis instance in code and "
                            + "the init parameter 'policy'");
        }
    }

    /** Asserts that starting fails with a {@link ServletException} saying all of {@code text}. */
    static void assertStartFails(ThrowingCallable start, String... text) {
        assertThatThrownBy(start).satisfies(failure -> {
            Throwable cause = failure;
            while (cause != null && !(cause instanceof ServletException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("a ServletException in %s", failure).isNotNull();
            assertThat(cause.getMessage()).contains(text);
        });
    }
}
