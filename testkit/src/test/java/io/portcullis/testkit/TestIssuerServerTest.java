package io.portcullis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestIssuerServerTest {

    private TestIssuerServer server;

    @BeforeEach
    void startServer() {
        server = TestIssuerServer.start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void severalRealmsShareOneServerWithTheirOwnKeys() {
        TestIssuer dev = server.addIssuer(TestIssuer.builder().realm("dev").encryptionKey(false));
        TestIssuer prod = server.addIssuer(TestIssuer.builder().realm("prod")
                .encryptionKey(false));

        assertThat(dev.issuer()).isEqualTo(server.baseUri() + "/realms/dev");
        assertThat(prod.issuer()).isEqualTo(server.baseUri() + "/realms/prod");
        assertThat(server.issuers()).containsExactlyInAnyOrder(dev, prod);
        assertThat(server.issuer("prod")).isSameAs(prod);
        Map<String, Object> discovery = Jwts.json(Http.get(prod.discoveryUri()).body());
        assertThat(discovery).containsEntry("issuer", prod.issuer())
                .containsEntry("jwks_uri", prod.jwksUri().toString());

        String devToken = dev.token().sign();
        assertThat(Jwts.verifies(devToken, Jwts.fetchJwks(dev))).isTrue();
        assertThat(Jwts.verifies(dev.token().keyId(prod.activeKeyId()).sign(),
                Jwts.fetchJwks(prod))).isFalse();
    }

    @Test
    void faultsAndCountersArePerIssuer() {
        TestIssuer dev = server.addIssuer(TestIssuer.builder().realm("dev").encryptionKey(false));
        TestIssuer prod = server.addIssuer(TestIssuer.builder().realm("prod")
                .encryptionKey(false));

        prod.failWith(503);

        assertThat(Http.get(prod.jwksUri()).statusCode()).isEqualTo(503);
        assertThat(Http.get(dev.jwksUri()).statusCode()).isEqualTo(200);
        assertThat(prod.jwksRequests()).isEqualTo(1);
        assertThat(dev.jwksRequests()).isEqualTo(1);
    }

    @Test
    void closingOneIssuerLeavesTheOthersServing() {
        TestIssuer dev = server.addIssuer(TestIssuer.builder().realm("dev").encryptionKey(false));
        TestIssuer prod = server.addIssuer(TestIssuer.builder().realm("prod")
                .encryptionKey(false));

        dev.close();

        assertThat(Http.get(dev.jwksUri()).statusCode()).isEqualTo(404);
        assertThat(Http.get(prod.jwksUri()).statusCode()).isEqualTo(200);
        assertThat(server.isRunning()).isTrue();
        assertThat(server.issuers()).containsExactly(prod);
    }

    @Test
    void stoppingTheServerTakesEveryRealmAwayUntilRestart() {
        TestIssuer dev = server.addIssuer(TestIssuer.builder().realm("dev").encryptionKey(false));
        int port = server.port();

        dev.stop();

        assertThat(server.isRunning()).isFalse();
        server.restart();
        assertThat(server.port()).isEqualTo(port);
        assertThat(Http.send(Http.newClient(), java.net.http.HttpRequest
                .newBuilder(dev.jwksUri()).timeout(Http.TIMEOUT).build()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void realmNamesAreCheckedAndUnique() {
        server.addIssuer(TestIssuer.builder().realm("dev").encryptionKey(false));

        assertThatThrownBy(() -> server.addIssuer("dev"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dev");
        assertThatThrownBy(() -> server.addIssuer("a/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/b");
        assertThatThrownBy(() -> server.addIssuer(".."))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.issuer("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void aClosedServerTakesNoNewIssuers() {
        server.close();

        assertThatThrownBy(() -> server.addIssuer("late"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void baseUriIsLoopbackWithoutTrailingSlash() {
        URI base = server.baseUri();

        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        assertThat(base.getPort()).isEqualTo(server.port());
        assertThat(base.toString()).doesNotEndWith("/");
        HttpResponse<String> root = Http.get(base.resolve("/realms/"));
        assertThat(root.statusCode()).isEqualTo(404);
    }
}
