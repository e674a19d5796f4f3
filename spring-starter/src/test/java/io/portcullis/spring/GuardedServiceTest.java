package io.portcullis.spring;

import io.portcullis.testkit.TestIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The test service on the real embedded server, trusting the shared loopback issuer. Every
 * subclass shares one application context.
 */
@SpringBootTest(classes = TestService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.address=127.0.0.1",
                "portcullis.policy=classpath:policies/service.yaml",
                "management.endpoint.health.show-details=always"})
abstract class GuardedServiceTest {

    static final TestIssuer ISSUER = TestIssuers.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustIssuer(DynamicPropertyRegistry registry) {
        TestIssuers.trust(registry, ISSUER);
    }

    Http http() {
        return new Http(port);
    }

    Http.Reply get(String path, String token) {
        return http().get(path, token);
    }
}
