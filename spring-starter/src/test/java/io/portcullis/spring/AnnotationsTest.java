package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every endpoint annotation, alone and together with the policy file, over real HTTP. */
class AnnotationsTest extends GuardedServiceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String NO_TOKEN_CHALLENGE = "Bearer realm=\"portcullis\"";
    private static final String INSUFFICIENT = "Bearer realm=\"portcullis\", "
            + "error=\"insufficient_scope\", "
            + "error_description=\"The token does not grant access to this resource\"";

    private String token(String... roles) {
        return ISSUER.token().subject("alice").realmRoles(roles).sign();
    }

    @Test
    void anEndpointWithoutAnnotationsFollowsTheFile() {
        Http.Reply anonymous = get("/api/plain", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.challenge()).isEqualTo(NO_TOKEN_CHALLENGE);
        assertThat(anonymous.header("Content-Type")).hasValue(PROBLEM);
        assertThat(anonymous.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":"
                + "\"Unauthorized\",\"status\":401,\"detail\":\"A bearer token is required\","
                + "\"reason\":\"missing_token\"}");

        Http.Reply caller = get("/api/plain", token());
        assertThat(caller.status()).isEqualTo(200);
        assertThat(caller.body()).isEqualTo("plain");
    }

    @Test
    void requireRolesRefusesACallerWithoutTheRole() {
        Http.Reply refused = get("/api/roles", token("user"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.challenge()).isEqualTo(INSUFFICIENT);
        assertThat(refused.header("Content-Type")).hasValue(PROBLEM);
        assertThat(refused.header("Cache-Control")).hasValue("no-store");
        assertThat(refused.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":"
                + "\"Forbidden\",\"status\":403,\"detail\":\"The token does not grant access to"
                + " this resource\",\"reason\":\"roles\"}");

        assertThat(get("/api/roles", token("admin")).status()).isEqualTo(200);
        assertThat(get("/api/roles", null).status()).isEqualTo(401);
    }

    @Test
    void requireRolesWithSeveralNamesNeedsOneOfThem() {
        assertThat(get("/api/roles-any", token("support")).status()).isEqualTo(200);
        assertThat(get("/api/roles-any", token("admin")).status()).isEqualTo(200);
        assertThat(get("/api/roles-any", token("user")).status()).isEqualTo(403);
    }

    @Test
    void requireRolesAllOfNeedsEveryName() {
        assertThat(get("/api/roles-all", token("admin")).status()).isEqualTo(403);
        assertThat(get("/api/roles-all", token("admin", "auditor")).status()).isEqualTo(200);
    }

    @Test
    void aClientRoleIsNotARealmRoleOfTheSameName() {
        Http.Reply realmRole = get("/api/client-role", token("refund"));
        assertThat(realmRole.status()).isEqualTo(403);
        assertThat(realmRole.body()).contains("\"reason\":\"client_roles\"");

        String clientRole = ISSUER.token().clientRoles("orders-service", "refund").sign();
        assertThat(get("/api/client-role", clientRole).status()).isEqualTo(200);
    }

    @Test
    void requireScopesAnswersInsufficientScopeNamingTheScopes() {
        Http.Reply refused = get("/api/scopes", ISSUER.token().scope("openid").sign());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.challenge()).startsWith(INSUFFICIENT + ", scope=\"");
        assertThat(scopes(refused.challenge())).containsExactlyInAnyOrder("orders:read",
                "orders:write");
        assertThat(refused.body()).contains("\"reason\":\"scopes\"");

        String reader = ISSUER.token().scope("openid", "orders:read").sign();
        assertThat(get("/api/scopes", reader).status()).isEqualTo(200);
    }

    @Test
    void scopesAndRolesOnOneMethodMustBothHold() {
        String clerk = ISSUER.token().realmRoles("clerk").sign();
        String writer = ISSUER.token().scope("orders:write").sign();
        String both = ISSUER.token().realmRoles("clerk").scope("orders:write").sign();

        assertThat(get("/api/scopes-and-roles", clerk).body()).contains("\"reason\":\"scopes\"");
        assertThat(get("/api/scopes-and-roles", writer).body()).contains("\"reason\":\"roles\"");
        assertThat(get("/api/scopes-and-roles", both).status()).isEqualTo(200);
    }

    @Test
    void jakartaRolesAllowedNeedsOneOfItsRoles() {
        assertThat(get("/api/roles-allowed", token("support")).status()).isEqualTo(200);
        assertThat(get("/api/roles-allowed", token("user")).status()).isEqualTo(403);
        assertThat(get("/api/roles-allowed", null).status()).isEqualTo(401);
    }

    @Test
    void jakartaDenyAllRefusesEveryCaller() {
        Http.Reply admin = get("/api/deny-all", token("admin"));
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.challenge()).isEqualTo(INSUFFICIENT);
        assertThat(admin.body()).contains("\"reason\":\"denied\"");
        assertThat(get("/api/deny-all", null).status()).isEqualTo(401);
    }

    @Test
    void permitAllAndPublicDoNotOpenWhatTheFileProtects() {
        assertThat(get("/api/permit-all", null).status()).isEqualTo(401);
        assertThat(get("/api/permit-all", token()).status()).isEqualTo(200);

        Http.Reply anonymous = get("/admin/public", null);
        assertThat(anonymous.status()).isEqualTo(401);
        Http.Reply user = get("/admin/public", token("user"));
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.body()).contains("\"reason\":\"roles\"");
        assertThat(get("/admin/public", token("admin")).body()).isEqualTo("admin-public");
    }

    @Test
    void aPublicRuleOfTheFileOpensAPublicEndpoint() {
        Http.Reply anonymous = get("/open/hello", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("hello");
    }

    @Test
    void annotationsStillApplyUnderAPublicRuleAndTheTokenIsVerifiedThen() {
        Http.Reply anonymous = get("/open/roles", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.challenge()).isEqualTo(NO_TOKEN_CHALLENGE);

        assertThat(get("/open/roles", token("user")).status()).isEqualTo(403);
        assertThat(get("/open/roles", "not.a.token").status()).isEqualTo(401);

        Http.Reply admin = get("/open/roles", token("admin"));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("roles alice");
    }

    @Test
    void theFileAndTheAnnotationsMustBothAllow() {
        String scopeOnly = ISSUER.token().scope("reports:read").sign();
        String roleOnly = ISSUER.token().realmRoles("analyst").sign();
        String both = ISSUER.token().scope("reports:read").realmRoles("analyst").sign();

        Http.Reply byAnnotation = get("/reports/7", scopeOnly);
        assertThat(byAnnotation.status()).isEqualTo(403);
        assertThat(byAnnotation.body()).contains("\"reason\":\"roles\"");

        Http.Reply byFile = get("/reports/7", roleOnly);
        assertThat(byFile.status()).isEqualTo(403);
        assertThat(byFile.challenge()).isEqualTo(INSUFFICIENT + ", scope=\"reports:read\"");

        assertThat(get("/reports/7", both).body()).isEqualTo("report 7");
    }

    @Test
    void aRequestNoRuleMatchesIsRefusedWhateverTheToken() {
        Http.Reply refused = get("/nowhere", token("admin"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"reason\":\"unmatched\"");
    }

    @Test
    void aMethodAnnotationReplacesItsClassAnnotation() {
        assertThat(get("/api/class/inherited", token("user")).status()).isEqualTo(403);
        assertThat(get("/api/class/inherited", token("admin")).status()).isEqualTo(200);

        assertThat(get("/api/class/public", token("user")).status()).isEqualTo(200);
        assertThat(get("/api/class/public", null).status()).isEqualTo(401);

        String readerWithoutAdmin = ISSUER.token().scope("orders:read").sign();
        assertThat(get("/api/class/scoped", readerWithoutAdmin).status()).isEqualTo(200);
        assertThat(get("/api/class/scoped", token("admin")).body())
                .contains("\"reason\":\"scopes\"");
    }

    @Test
    void requirePolicyAppliesTheNamedRule() {
        assertThat(get("/api/policy", token()).body()).isEqualTo("policy");
        assertThat(get("/api/policy", null).status()).isEqualTo(401);
    }

    @Test
    void requirePolicyAppliesTheNamedRuleOutsideItsOwnPaths() {
        // The file decides /api/** with the rule api; the annotation adds admin-area's roles.
        assertThat(get("/api/other-rule", token("admin")).body()).isEqualTo("other-rule");
        Http.Reply user = get("/api/other-rule", token("user"));
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.challenge()).isEqualTo(INSUFFICIENT);
        assertThat(user.body()).contains("\"reason\":\"roles\"");
    }

    @Test
    void requirePolicyUnderAPublicRuleHasTheTokenVerified() {
        Http.Reply anonymous = get("/open/report", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.challenge()).isEqualTo(NO_TOKEN_CHALLENGE);

        Http.Reply noScope = get("/open/report", token());
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.challenge()).isEqualTo(INSUFFICIENT + ", scope=\"reports:read\"");
        assertThat(get("/open/report", "not.a.token").status()).isEqualTo(401);

        String reader = ISSUER.token().subject("alice").scope("reports:read").sign();
        assertThat(get("/open/report", reader).body()).isEqualTo("report for alice");
    }

    @Test
    void aControllerMethodReceivesTheVerifiedCaller() {
        Http.Reply whoami = get("/api/whoami", token("admin", "user"));
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.body()).isEqualTo("alice [admin, user] " + ISSUER.issuer());
    }

    @Test
    void aPrincipalParameterNeedsACallerEvenUnderAPublicRule() {
        Http.Reply anonymous = get("/open/me", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.challenge()).isEqualTo(NO_TOKEN_CHALLENGE);
        assertThat(get("/open/me", token()).body()).isEqualTo("me alice");
    }

    @Test
    void anOptionalPrincipalIsEmptyWhereTheFileReadsNoToken() {
        assertThat(get("/open/maybe", null).body()).isEqualTo("maybe nobody");
        // The file's rule is public, so the filter does not read the token at all.
        assertThat(get("/open/maybe", token()).body()).isEqualTo("maybe nobody");
    }

    @Test
    void refusalsOfAnnotationsReadExactlyAsRefusalsOfTheFile() {
        assertSame(get("/open/roles", null), get("/api/plain", null));
        assertSame(get("/api/roles", token("user")), get("/admin/public", token("user")));

        String expired = ISSUER.token().expiresIn(Duration.ofMinutes(-10)).sign();
        Http.Reply byAnnotation = get("/open/roles", expired);
        assertThat(byAnnotation.status()).isEqualTo(401);
        assertThat(byAnnotation.challenge()).contains("error=\"invalid_token\"");
        assertSame(byAnnotation, get("/api/plain", expired));
    }

    private static void assertSame(Http.Reply actual, Http.Reply expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.challenge()).isEqualTo(expected.challenge());
        assertThat(actual.header("Content-Type")).isEqualTo(expected.header("Content-Type"));
        assertThat(actual.header("Cache-Control")).isEqualTo(expected.header("Cache-Control"));
        assertThat(actual.body()).isEqualTo(expected.body());
    }

    private static Set<String> scopes(String challenge) {
        Matcher matcher = Pattern.compile("scope=\"([^\"]*)\"").matcher(challenge);
        assertThat(matcher.find()).as("scope attribute in %s", challenge).isTrue();
        return Arrays.stream(matcher.group(1).split(" ")).collect(Collectors.toSet());
    }
}
