package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paths spelt to slip past the rule for {@code /admin} never reach the admin servlet without an
 * admin token, whatever Jetty makes of them: under its default URI compliance, which refuses
 * ambiguous URIs itself, and under {@code UNSAFE} compliance, which lets them through.
 */
class PathTricksTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    /** Everything but the admin pages is public: a path the policy misreads gets through. */
    static final String RULES = Policies.SHOP_RULES + """
              - name: everything-else
                match: {paths: ["/**"]}
                public: true
            """;

    static final List<String> TRICKS = List.of(
            "/admin", "/admin/", "/admin/.", "/admin/./", "/admin/list", "/./admin",
            "/orders/../admin", "/health/../admin", "/health/..;/admin", "//admin", "/ADMIN",
            "/%2e%2e/admin", "/health/%2e%2e/admin", "/health/%2E%2E/admin",
            "/health/.%2e/admin", "/health%2F..%2Fadmin", "/health%2f..%2fadmin", "/admin%2Flist",
            "/admin/..%2Fhealth", "/admin/%2e%2e%2Fhealth", "/admin;jsessionid=x",
            "/admin;jsessionid=x/", "/admin;/list", "/%61dmin", "/%61%64%6D%69%6E", "/%2561dmin",
            "/admin/%252e%252e/health", "/admin%00", "/admin%3B", "/admin\\", "/admin%5C",
            "/health\\..\\admin", "/health%5C..%5Cadmin", "/admin?x=/health", "/admin#x");

    /** A Jetty configuration: URI compliance and whether ambiguous paths are decoded. */
    enum Container {
        DEFAULT(UriCompliance.DEFAULT, false),
        UNSAFE(UriCompliance.UNSAFE, false),
        UNSAFE_DECODED(UriCompliance.UNSAFE, true);

        final UriCompliance compliance;
        final boolean decodeAmbiguous;

        Container(UriCompliance compliance, boolean decodeAmbiguous) {
            this.compliance = compliance;
            this.decodeAmbiguous = decodeAmbiguous;
        }
    }

    @TempDir
    Path dir;

    Portcullis gate;
    Probe admin = new Probe();
    Probe other = new Probe();

    @BeforeEach
    void load() throws Exception {
        gate = Portcullis.fromPolicy(Policies.write(dir, issuer.issuer(), RULES).toString());
    }

    @AfterEach
    void close() {
        gate.close();
    }

    Site start(String contextPath, Container container) throws Exception {
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(container.compliance);
        return Site.start(contextPath, http, context -> {
            context.getServletHandler().setDecodeAmbiguousURIs(container.decodeAmbiguous);
            Site.guard(context, new PortcullisFilter(gate));
            context.addServlet(new ServletHolder(admin), "/admin/*");
            context.addServlet(new ServletHolder(other), "/");
        });
    }

    static Stream<Arguments> sites() {
        return Stream.of(Container.values()).flatMap(container -> Stream.of(
                Arguments.of(container, "/", List.of("")),
                Arguments.of(container, "/shop", List.of("/shop", "/%73hop", "/shop;x=1"))));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("sites")
    void noTrickReachesTheAdminServletWithoutAnAdminToken(Container container,
            String contextPath, List<String> prefixes) throws Exception {
        String user = issuer.token().subject("mallory").realmRoles("user").scope("orders:read")
                .sign();
        SoftAssertions softly = new SoftAssertions();
        try (Site site = start(contextPath, container)) {
            for (String prefix : prefixes) {
                for (String trick : TRICKS) {
                    RawHttp.Response anonymous = site.raw(prefix + trick);
                    RawHttp.Response withUserToken = site.raw(prefix + trick,
                            "Authorization: Bearer " + user);

                    softly.assertThat(anonymous.status()).as("%s without a token", prefix + trick)
                            .isLessThan(500);
                    softly.assertThat(withUserToken.status())
                            .as("%s with a user token", prefix + trick).isLessThan(500);
                    softly.assertThat(admin.calls()).as("admin servlet reached by %s",
                            prefix + trick).isZero();
                }
            }

            String root = issuer.token().subject("root").realmRoles("admin").sign();
            RawHttp.Response allowed = site.raw(prefixes.get(0) + "/%61dmin",
                    "Authorization: Bearer " + root);
            softly.assertThat(allowed.status()).isEqualTo(200);
            softly.assertThat(allowed.body()).startsWith("principal=root\n");
            softly.assertThat(admin.calls()).isEqualTo(1);
        }
        softly.assertAll();
    }

    @Test
    void theContextPathIsTakenOffHoweverTheRequestSpellsIt() throws Exception {
        try (Site site = start("/shop", Container.DEFAULT)) {
            for (String prefix : List.of("/shop", "/%73hop", "/shop;x=1", "/%73%68%6F%70")) {
                RawHttp.Response response = site.raw(prefix + "/admin");

                assertThat(response.status()).as(prefix).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).as(prefix)
                        .isEqualTo("Bearer realm=\"portcullis\"");
                assertThat(site.raw(prefix + "/health").status()).as(prefix).isEqualTo(200);
            }
            assertThat(admin.calls()).isZero();
        }
    }

    @Test
    void rulesSeeThePathInsideTheContext() throws Exception {
        String token = issuer.token().subject("alice").scope("orders:read").sign();
        try (Site site = start("/shop", Container.DEFAULT)) {
            assertThat(site.get("/orders/7").statusCode()).isEqualTo(401);
            assertThat(site.get("/orders/7", "Authorization", "Bearer " + token).body())
                    .contains("path=/orders/7\n");
            assertThat(site.get("/admin").statusCode()).isEqualTo(401);
        }
    }
}
