package io.portcullis.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starts the four servers of the request-path measurement as {@code request-path.sh} does and
 * checks over real HTTP that each answers what its figure claims to measure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestPathServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private RequestPathServer running;

    @BeforeAll
    void start() throws Exception {
        Map<Configuration, Integer> ports = new EnumMap<>(Configuration.class);
        for (Configuration configuration : Configuration.values()) {
            ports.put(configuration, 0);
        }
        running = RequestPathServer.start(ports);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void theMeasuredRequestGetsHelloWorld(Configuration configuration) throws Exception {
        HttpResponse<String> response = get(running.url(configuration), running.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello, world!");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain;charset=utf-8");
    }

    @ParameterizedTest
    @EnumSource(value = Configuration.class, names = {"SERVLET_PORTCULLIS", "VERTX_PORTCULLIS"})
    void portcullisRefusesNoTokenAndATokenWithoutTheRole(Configuration configuration)
            throws Exception {
        String url = running.url(configuration);

        HttpResponse<String> anonymous = get(url, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"portcullis\"");

        HttpResponse<String> withoutRole = get(url, running.tokenWithoutRole());
        assertThat(withoutRole.statusCode()).isEqualTo(403);
        assertThat(withoutRole.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"");
        assertThat(withoutRole.body()).doesNotContain("Hello");
    }

    @ParameterizedTest
    @EnumSource(value = Configuration.class, names = {"SERVLET_PORTCULLIS", "VERTX_PORTCULLIS"})
    void thePublicPathNeedsNoToken(Configuration configuration) throws Exception {
        HttpResponse<String> response = get(publicUrl(configuration), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("up");
    }

    @ParameterizedTest
    @EnumSource(value = Configuration.class, names = {"SERVLET_PLAIN", "VERTX_PLAIN"})
    void thePlainServersCheckNothing(Configuration configuration) throws Exception {
        assertThat(get(running.url(configuration), null).statusCode()).isEqualTo(200);
        assertThat(get(running.url(configuration), running.tokenWithoutRole()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theStartCheckFailsForAGuardedServerThatLetsEveryoneIn() {
        HelloServer plain = server(Configuration.SERVLET_PLAIN);
        HelloServer posingAsGuarded = new HelloServer() {
            @Override
            public Configuration configuration() {
                return Configuration.SERVLET_PORTCULLIS;
            }

            @Override
            public int port() {
                return plain.port();
            }

            @Override
            public void close() {
            }
        };
        AnswerCheck check = new AnswerCheck(running.token(), running.tokenWithoutRole());

        assertThatThrownBy(() -> check.check(posingAsGuarded))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("with no token by 200")
                .hasMessageContaining("expected 401");
    }

    @Test
    void theStartCheckFailsForAServerThatRefusesTheMeasuredToken() {
        AnswerCheck check = new AnswerCheck(running.tokenWithoutRole(), running.token());

        assertThatThrownBy(() -> check.check(server(Configuration.VERTX_PORTCULLIS)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("by 403")
                .hasMessageContaining("expected 200");
    }

    private HelloServer server(Configuration configuration) {
        return running.servers().stream()
                .filter(s -> s.configuration() == configuration)
                .findFirst().orElseThrow();
    }

    private String publicUrl(Configuration configuration) {
        return server(configuration).url("/health");
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
