package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenEndpointTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create();

    @BeforeAll
    static void register() {
        issuer.registerClient("orders-service", "s3cret",
                token -> token.audience("billing-api").realmRoles("service"));
        issuer.registerClient("plain-service", "pa:ss word");
        issuer.registerClient("web-app", null);
        issuer.registerUser("alice", "wonderland",
                token -> token.realmRoles("user", "admin").claim("email", "alice@example.org"));
    }

    @Test
    void clientCredentialsWithBasicAuthentication() {
        HttpResponse<String> response = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials", "orders-service", "s3cret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = Jwts.json(response.body());
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 300L);
        String token = String.valueOf(body.get("access_token"));
        assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer.get()))).isTrue();
        assertThat(Jwts.payload(token)).containsEntry("iss", issuer.issuer())
                .containsEntry("azp", "orders-service")
                .containsEntry("client_id", "orders-service")
                .containsEntry("preferred_username", "service-account-orders-service")
                .containsEntry("aud", "billing-api")
                .containsEntry("realm_access", Map.of("roles", List.of("service")));
    }

    @Test
    void clientCredentialsInTheFormWithAScope() {
        HttpResponse<String> response = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials&client_id=plain-service"
                        + "&client_secret=pa%3Ass+word&scope=orders%3Aread",
                null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        String token = String.valueOf(Jwts.json(response.body()).get("access_token"));
        assertThat(Jwts.payload(token)).containsEntry("azp", "plain-service")
                .containsEntry("scope", "orders:read");
    }

    @Test
    void theSameClientGetsTheSameSubjectEveryTime() {
        String first = tokenFor("grant_type=client_credentials", "orders-service", "s3cret");
        String second = tokenFor("grant_type=client_credentials", "orders-service", "s3cret");

        assertThat(Jwts.payload(first).get("sub")).isEqualTo(Jwts.payload(second).get("sub"));
        assertThat(Jwts.payload(first).get("jti")).isNotEqualTo(Jwts.payload(second).get("jti"));
    }

    @Test
    void wrongClientCredentialsAre401InvalidClient() {
        HttpResponse<String> wrongSecret = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials", "orders-service", "guess");
        HttpResponse<String> unknown = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials&client_id=nobody&client_secret=x", null, null);
        HttpResponse<String> missing = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials", null, null);

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic"));
        assertThat(Jwts.json(wrongSecret.body())).containsEntry("error", "invalid_client");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(Jwts.json(unknown.body())).containsEntry("error", "invalid_client");
        assertThat(missing.statusCode()).isEqualTo(401);
    }

    @Test
    void aPublicClientHasNoServiceAccount() {
        HttpResponse<String> response = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials&client_id=web-app", null, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Jwts.json(response.body())).containsEntry("error", "unauthorized_client");
    }

    @Test
    void passwordGrantForARegisteredUser() {
        String token = tokenFor("grant_type=password&client_id=web-app"
                + "&username=alice&password=wonderland", null, null);

        assertThat(Jwts.verifies(token, Jwts.fetchJwks(issuer.get()))).isTrue();
        assertThat(Jwts.payload(token)).containsEntry("preferred_username", "alice")
                .containsEntry("azp", "web-app")
                .containsEntry("email", "alice@example.org")
                .containsEntry("realm_access", Map.of("roles", List.of("user", "admin")));
    }

    @Test
    void passwordGrantWithAConfidentialClient() {
        String token = tokenFor("grant_type=password&username=alice&password=wonderland",
                "orders-service", "s3cret");

        assertThat(Jwts.payload(token)).containsEntry("preferred_username", "alice")
                .containsEntry("azp", "orders-service");
    }

    @Test
    void wrongUserCredentialsAre400InvalidGrant() {
        HttpResponse<String> wrongPassword = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=password&client_id=web-app&username=alice&password=nope", null, null);
        HttpResponse<String> unknownUser = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=password&client_id=web-app&username=bob&password=x", null, null);

        assertThat(wrongPassword.statusCode()).isEqualTo(400);
        assertThat(Jwts.json(wrongPassword.body())).containsEntry("error", "invalid_grant");
        assertThat(unknownUser.statusCode()).isEqualTo(400);
        assertThat(Jwts.json(unknownUser.body())).containsEntry("error", "invalid_grant");
    }

    @Test
    void malformedRequestsAreRefusedAsRfc6749Says() {
        assertThat(errorOf("grant_type=authorization_code&code=x&client_id=web-app"))
                .isEqualTo("unsupported_grant_type");
        assertThat(errorOf("client_id=web-app")).isEqualTo("invalid_request");
        assertThat(errorOf("grant_type=password&grant_type=password&client_id=web-app"))
                .isEqualTo("invalid_request");
        assertThat(errorOf("grant_type=password&client_id=web-app&username=alice"))
                .isEqualTo("invalid_request");
        assertThat(Http.get(issuer.tokenEndpoint()).statusCode()).isEqualTo(405);
    }

    @Test
    void tokenRequestsAreCounted() {
        tokenFor("grant_type=client_credentials", "orders-service", "s3cret");
        Http.postForm(issuer.tokenEndpoint(), "grant_type=password", null, null);

        assertThat(issuer.tokenRequests()).isEqualTo(2);
    }

    private static String tokenFor(String form, String basicUser, String basicPassword) {
        HttpResponse<String> response =
                Http.postForm(issuer.tokenEndpoint(), form, basicUser, basicPassword);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return String.valueOf(Jwts.json(response.body()).get("access_token"));
    }

    private static String errorOf(String form) {
        HttpResponse<String> response = Http.postForm(issuer.tokenEndpoint(), form, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return String.valueOf(Jwts.json(response.body()).get("error"));
    }
}
