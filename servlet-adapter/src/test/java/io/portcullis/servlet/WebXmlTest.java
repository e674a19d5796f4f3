package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code web.xml} of the README, in a web application Jetty deploys from a folder. */
class WebXmlTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <filter>
                    <filter-name>portcullis</filter-name>
                    <filter-class>io.portcullis.servlet.PortcullisFilter</filter-class>
                    <async-supported>true</async-supported>
                    <init-param>
                        <param-name>policy</param-name>
                        <param-value>classpath:policy.yaml</param-value>
                    </init-param>
                    <init-param>
                        <param-name>realm</param-name>
                        <param-value>shop</param-value>
                    </init-param>
                </filter>
                <filter-mapping>
                    <filter-name>portcullis</filter-name>
                    <url-pattern>/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                </filter-mapping>

                <servlet>
                    <servlet-name>greeting</servlet-name>
                    <servlet-class>io.portcullis.servlet.Greeting</servlet-class>
                </servlet>
                <servlet-mapping>
                    <servlet-name>greeting</servlet-name>
                    <url-pattern>/members/*</url-pattern>
                </servlet-mapping>
            </web-app>
            """;

    @TempDir
    Path webapp;

    @Test
    void aWebXmlAloneGuardsTheApplication() throws Exception {
        Path webInf = Files.createDirectories(webapp.resolve("WEB-INF/classes"));
        Files.writeString(webapp.resolve("WEB-INF/web.xml"), WEB_XML);
        Policies.write(webInf, issuer.issuer(), Policies.SHOP_RULES);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext context = new WebAppContext();
        context.setContextPath("/shop");
        context.setBaseResourceAsPath(webapp);
        context.setParentLoaderPriority(true);
        context.setThrowUnavailableOnStartupException(true);
        server.setHandler(context);
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort()
                    + "/shop/members/home");
            String token = issuer.token().subject("alice").sign();

            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> allowed = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"shop\"");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).isEqualTo("Hello alice");
        } finally {
            server.stop();
        }
    }
}
