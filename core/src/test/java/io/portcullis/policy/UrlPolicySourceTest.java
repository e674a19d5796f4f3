package io.portcullis.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UrlPolicySourceTest {

    private HttpServer server;
    private final AtomicReference<String> body =
            new AtomicReference<>(ReloadingPolicyTest.policyWithRule("first"));
    private final AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private ReloadingPolicy reloading;
    private WireMockServer wireMock;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/policy.yaml", exchange -> {
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            requests.add(ifNoneMatch == null ? "GET" : "GET If-None-Match " + ifNoneMatch);
            if (etag.get().equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", etag.get());
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (reloading != null) {
            reloading.close();
        }
        server.stop(0);
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/policy.yaml");
    }

    private ReloadingPolicy start(PolicySource source) throws PolicyLoadException {
        return ReloadingPolicy.builder(source).interval(Duration.ofHours(1)).start();
    }

    @Test
    void asksWithTheETagAndKeepsThePolicyOnNotModified() throws Exception {
        reloading = start(PolicySource.url(uri()));
        Policy first = reloading.current();

        assertThat(reloading.reloadNow()).isFalse();
        assertThat(reloading.current()).isSameAs(first);
        assertThat(requests).containsExactly("GET", "GET If-None-Match \"v1\"");

        body.set(ReloadingPolicyTest.policyWithRule("second"));
        etag.set("\"v2\"");

        assertThat(reloading.reloadNow()).isTrue();
        assertThat(reloading.current().ruleNames()).containsExactly("second");
        assertThat(reloading.current().revision()).isEqualTo("etag:\"v2\"");
    }

    @Test
    void keepsThePolicyWhenTheServerFails() throws Exception {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(get(urlEqualTo("/policy.yaml")).willReturn(aResponse()
                .withStatus(200).withBody(ReloadingPolicyTest.policyWithRule("first"))));
        URI uri = URI.create("http://127.0.0.1:" + wireMock.port() + "/policy.yaml");
        reloading = start(PolicySource.url(uri));

        wireMock.stubFor(get(urlEqualTo("/policy.yaml")).willReturn(aResponse().withStatus(500)));
        assertThat(reloading.reloadNow()).isFalse();

        wireMock.stubFor(get(urlEqualTo("/policy.yaml"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(reloading.reloadNow()).isFalse();

        wireMock.stubFor(get(urlEqualTo("/policy.yaml"))
                .willReturn(aResponse().withStatus(200).withBody("{{{ not yaml")));
        assertThat(reloading.reloadNow()).isFalse();

        assertThat(reloading.current().ruleNames()).containsExactly("first");
        assertThat(reloading.decide(null, RequestView.of("GET", "/first")).allowed()).isTrue();
    }

    @Test
    void hashesTheContentWhenThereIsNoETag() throws Exception {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        wireMock.stubFor(get(urlEqualTo("/policy.yaml")).willReturn(aResponse()
                .withStatus(200).withBody(ReloadingPolicyTest.policyWithRule("first"))));
        URI uri = URI.create("http://127.0.0.1:" + wireMock.port() + "/policy.yaml");
        reloading = start(PolicySource.url(uri));
        Policy first = reloading.current();

        assertThat(reloading.reloadNow()).isFalse();
        assertThat(reloading.current()).isSameAs(first);
        assertThat(first.revision()).startsWith("sha256:");
    }

    @Test
    void refusesPlainHttpExceptToLoopback() {
        assertThatThrownBy(() -> PolicySource.url(URI.create("http://192.0.2.1/policy.yaml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http is allowed only for loopback addresses");
        assertThatThrownBy(() -> PolicySource.of("ftp://127.0.0.1/policy.yaml"))
                .isInstanceOf(Exception.class);
        assertThat(UrlPolicySource.isLoopback("127.0.0.1")).isTrue();
        assertThat(UrlPolicySource.isLoopback("127.10.0.3")).isTrue();
        assertThat(UrlPolicySource.isLoopback("[::1]")).isTrue();
        assertThat(UrlPolicySource.isLoopback("localhost")).isTrue();
        assertThat(UrlPolicySource.isLoopback("127.0.0.1.example.com")).isFalse();
        assertThat(UrlPolicySource.isLoopback("128.0.0.1")).isFalse();
        assertThat(UrlPolicySource.isLoopback("127.1")).isFalse();
    }

    @Test
    void readsFromTheClassPathAndNamesAMissingResource() throws Exception {
        assertThat(Policy.load("classpath:policies/plain.yaml").sourceName())
                .isEqualTo("classpath:policies/plain.yaml");
        assertThatThrownBy(() -> Policy.load("classpath:policies/missing.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("classpath:policies/missing.yaml: cannot read the policy:"
                        + " classpath:policies/missing.yaml is not on the class path");
    }
}
