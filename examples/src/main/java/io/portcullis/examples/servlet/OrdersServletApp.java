package io.portcullis.examples.servlet;

import io.portcullis.Portcullis;
import io.portcullis.examples.ExampleService;
import io.portcullis.examples.ServiceSettings;
import io.portcullis.servlet.PortcullisFilter;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders service as a plain servlet on embedded Jetty 12 (EE 10): {@link PortcullisFilter}
 * in front of every path, deciding with the shared rule file; the servlet behind it only
 * answers what got through.
 *
 * <pre>
 * java -cp ... io.portcullis.examples.servlet.OrdersServletApp \
 *     http://127.0.0.1:8080/realms/prod 8081
 * </pre>
 */
public final class OrdersServletApp implements ExampleService {

    private static final Logger log = LoggerFactory.getLogger(OrdersServletApp.class);

    /** The name of this kind of service. */
    public static final String NAME = "servlet";

    private final Server server;
    private final Portcullis portcullis;
    private final URI baseUri;

    private OrdersServletApp(Server server, Portcullis portcullis, int port) {
        this.server = server;
        this.portcullis = portcullis;
        this.baseUri = URI.create("http://" + ServiceSettings.HOST + ":" + port);
    }

    /** Starts the service and returns once it accepts requests. */
    public static OrdersServletApp start(ServiceSettings settings) throws Exception {
        Objects.requireNonNull(settings, "settings");
        Portcullis portcullis = settings.portcullis();
        Server server = new Server(new InetSocketAddress(ServiceSettings.HOST, settings.port()));
        try {
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addFilter(new FilterHolder(new PortcullisFilter(portcullis)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new OrdersServlet(NAME)), "/*");
            server.setHandler(context);
            server.start();
        } catch (Exception | Error e) {
            server.stop();
            portcullis.close();
            throw e;
        }
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        OrdersServletApp app = new OrdersServletApp(server, portcullis, port);
        log.info("Orders service ({}) at {} trusts {}", NAME, app.baseUri, settings.issuer());
        return app;
    }

    /** Runs the service until the process ends: {@code <issuer-url> [port]}. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: OrdersServletApp <issuer-url> [port]");
        }
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 8081;
        OrdersServletApp app = start(ServiceSettings.of(args[0]).withPort(port));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "orders-servlet-stop"));
        app.server.join();
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
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Stopping the {} service at {} failed", NAME, baseUri, e);
        } finally {
            portcullis.close();
        }
    }
}
