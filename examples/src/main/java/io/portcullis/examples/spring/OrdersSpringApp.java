package io.portcullis.examples.spring;

import io.portcullis.examples.ExampleService;
import io.portcullis.examples.OrdersPolicy;
import io.portcullis.examples.ServiceSettings;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The orders service on Spring Boot 4 (Spring MVC on embedded Tomcat): the Portcullis starter
 * guards every request with the shared rule file, set up by properties alone; the controller
 * behind it only answers what got through.
 *
 * <pre>
 * java -cp ... io.portcullis.examples.spring.OrdersSpringApp \
 *     http://127.0.0.1:8080/realms/prod 8082
 * </pre>
 */
public final class OrdersSpringApp implements ExampleService {

    private static final Logger log = LoggerFactory.getLogger(OrdersSpringApp.class);

    /** The name of this kind of service. */
    public static final String NAME = "spring";

    private final ConfigurableApplicationContext context;
    private final URI baseUri;

    private OrdersSpringApp(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.baseUri = URI.create("http://" + ServiceSettings.HOST + ":" + port);
    }

    /** Starts the service and returns once it accepts requests. */
    public static OrdersSpringApp start(ServiceSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Clock clock = settings.clock();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties(settings))
                // The starter takes the one Clock bean as the time of token expiry, key
                // caching and conditions: the demo's clock, which it moves on.
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("ordersClock", clock))
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        OrdersSpringApp app = new OrdersSpringApp(context, port);
        log.info("Orders service ({}) at {} trusts {}", NAME, app.baseUri, settings.issuer());
        return app;
    }

    /**
     * The starter's settings: the shared rule file, whose {@code ${ORDERS_ISSUER}} the starter
     * reads from the Spring environment, where it is an application property of this one
     * application (so that services of several environments can run in one process).
     *
     * <p>Logs: Spring logs through SLF4J, Tomcat through {@code java.util.logging}, held to
     * {@code warn} here like the rest of the examples. Tomcat's warning at shutdown that the
     * application "started a thread" is left out: those are the threads of the HTTP client
     * that fetches the issuer's keys, started by the first request on a Tomcat thread; they
     * belong to the Portcullis bean, which the context closes just after Tomcat stops.
     * Limitation: those threads inherit the request thread's context class loader, which is
     * what Tomcat warns about; hiding the warning hides it for any other thread too.
     */
    private static Map<String, Object> properties(ServiceSettings settings) {
        return Map.of(
                "portcullis.policy", OrdersPolicy.LOCATION,
                OrdersPolicy.ISSUER_VARIABLE, settings.issuer(),
                "server.address", ServiceSettings.HOST,
                "server.port", settings.port(),
                "spring.main.banner-mode", "off",
                "spring.main.log-startup-info", false,
                "logging.level.org.apache", "warn",
                "logging.level.org.apache.catalina.loader.WebappClassLoaderBase", "error");
    }

    /** Runs the service until the process ends: {@code <issuer-url> [port]}. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: OrdersSpringApp <issuer-url> [port]");
        }
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 8082;
        start(ServiceSettings.of(args[0]).withPort(port));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        context.close();
    }

    /** The Spring Boot application: auto-configuration (the starter's too) and the controller. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(OrdersController.class)
    static class Application {
    }
}
