package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultsTest {

    private TestIssuer issuer;

    @BeforeEach
    void startIssuer() {
        issuer = TestIssuer.builder().encryptionKey(false).start();
    }

    @AfterEach
    void closeIssuer() {
        issuer.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 404, 429, 302})
    void failWithAnswersTheStatusOnDiscoveryAndJwks(int status) {
        issuer.failWith(status);

        assertThat(Http.get(issuer.jwksUri()).statusCode()).isEqualTo(status);
        assertThat(Http.get(issuer.discoveryUri()).statusCode()).isEqualTo(status);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
    }

    @Test
    void failWithRefusesStatusesThatAreNoFailure() {
        assertThatThrownBy(() -> issuer.failWith(200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
        assertThatThrownBy(() -> issuer.failWith(600))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recoverServesTheRealDocumentsAgain() {
        issuer.failWith(503);
        assertThat(Http.get(issuer.jwksUri()).statusCode()).isEqualTo(503);

        issuer.recover();

        HttpResponse<String> jwks = Http.get(issuer.jwksUri());
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains(issuer.activeKeyId());
    }

    @Test
    void garbageIsA200WithABodyThatIsNoJson() {
        issuer.serveGarbage();

        HttpResponse<String> jwks = Http.get(issuer.jwksUri());
        HttpResponse<String> discovery = Http.get(issuer.discoveryUri());

        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThatThrownBy(() -> Jwts.json(jwks.body())).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Jwts.json(discovery.body())).isInstanceOf(AssertionError.class);
    }

    @Test
    void servedOverridesReplaceTheDocumentsVerbatim() {
        issuer.serveJwks("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}");
        issuer.serveDiscovery("{\"issuer\":\"http://127.0.0.1:1/realms/other\"}");

        assertThat(Http.get(issuer.jwksUri()).body())
                .isEqualTo("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}");
        assertThat(Http.get(issuer.discoveryUri()).body())
                .isEqualTo("{\"issuer\":\"http://127.0.0.1:1/realms/other\"}");

        issuer.recover();
        assertThat(Http.get(issuer.jwksUri()).body()).contains(issuer.activeKeyId());
        assertThat(Jwts.json(Http.get(issuer.discoveryUri()).body()))
                .containsEntry("issuer", issuer.issuer());
    }

    @Test
    void hangingRequestsWaitUntilRecoverThenGetTheRealAnswer() throws Exception {
        issuer.hang();

        CompletableFuture<HttpResponse<String>> jwks = Http.getAsync(issuer.jwksUri());
        CompletableFuture<HttpResponse<String>> discovery = Http.getAsync(issuer.discoveryUri());
        await().atMost(Http.TIMEOUT).until(
                () -> issuer.jwksRequests() == 1 && issuer.discoveryRequests() == 1);
        assertThat(jwks).isNotDone();
        assertThat(discovery).isNotDone();

        issuer.recover();

        assertThat(jwks.get(Http.TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
        assertThat(discovery.get(Http.TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aHangingEndpointDoesNotBlockTheOthers() {
        issuer.registerClient("svc", "secret");
        issuer.hang();
        CompletableFuture<HttpResponse<String>> held = Http.getAsync(issuer.jwksUri());
        await().atMost(Http.TIMEOUT).until(() -> issuer.jwksRequests() == 1);

        HttpResponse<String> token = Http.postForm(issuer.tokenEndpoint(),
                "grant_type=client_credentials", "svc", "secret");

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(held).isNotDone();
        issuer.recover();
        assertThat(held.join().statusCode()).isEqualTo(200);
    }

    @Test
    void closeDropsHangingRequests() {
        issuer.hang();
        CompletableFuture<HttpResponse<String>> held = Http.getAsync(issuer.jwksUri());
        await().atMost(Http.TIMEOUT).until(() -> issuer.jwksRequests() == 1);

        issuer.close();

        assertThatThrownBy(() -> held.get(Http.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void stopRefusesConnectionsAndRestartServesOnTheSamePort() {
        String before = issuer.issuer();
        issuer.stop();

        assertThat(issuer.isRunning()).isFalse();
        HttpClient fresh = Http.newClient();
        HttpRequest jwks = HttpRequest.newBuilder(issuer.jwksUri()).timeout(Http.TIMEOUT).build();
        assertThatThrownBy(() -> Http.send(fresh, jwks))
                .hasCauseInstanceOf(ConnectException.class);

        issuer.restart();

        assertThat(issuer.isRunning()).isTrue();
        assertThat(issuer.issuer()).isEqualTo(before);
        assertThat(Http.send(Http.newClient(), jwks).statusCode()).isEqualTo(200);
    }

    @Test
    void stopDropsHangingRequests() {
        issuer.hang();
        CompletableFuture<HttpResponse<String>> held = Http.getAsync(issuer.jwksUri());
        await().atMost(Http.TIMEOUT).until(() -> issuer.jwksRequests() == 1);

        issuer.stop();

        assertThatThrownBy(() -> held.get(Http.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        issuer.restart();
        issuer.recover();
        assertThat(Http.send(Http.newClient(), HttpRequest.newBuilder(issuer.jwksUri())
                .timeout(Http.TIMEOUT).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void countersCountEveryRequestAndReset() {
        Http.get(issuer.jwksUri());
        Http.get(issuer.jwksUri());
        Http.get(issuer.discoveryUri());
        issuer.failWith(500);
        Http.get(issuer.jwksUri());
        Http.postForm(issuer.tokenEndpoint(), "grant_type=password", null, null);

        assertThat(issuer.jwksRequests()).isEqualTo(3);
        assertThat(issuer.discoveryRequests()).isEqualTo(1);
        assertThat(issuer.tokenRequests()).isEqualTo(1);

        issuer.resetCounts();

        assertThat(issuer.jwksRequests()).isZero();
        assertThat(issuer.discoveryRequests()).isZero();
        assertThat(issuer.tokenRequests()).isZero();
    }

    @Test
    void resetEndsFaultsAndRestartsAStoppedServer() {
        issuer.failWith(500);
        issuer.cacheControl("max-age=1");
        Http.get(issuer.jwksUri());
        issuer.stop();

        issuer.reset();

        assertThat(issuer.isRunning()).isTrue();
        assertThat(issuer.jwksRequests()).isZero();
        HttpResponse<String> jwks = Http.send(Http.newClient(),
                HttpRequest.newBuilder(issuer.jwksUri()).timeout(Http.TIMEOUT).build());
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void restartAfterCloseIsRefused() {
        issuer.close();

        assertThatThrownBy(issuer::restart).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Http.send(Http.newClient(),
                HttpRequest.newBuilder(URI.create(issuer.issuer())).build()))
                .hasCauseInstanceOf(ConnectException.class);
    }
}
