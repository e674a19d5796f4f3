package io.portcullis.benchmarks.http;

import io.portcullis.Portcullis;
import io.portcullis.servlet.PortcullisFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 (ee10) with Jetty's default thread pool and connector, one servlet context
 * at the root serving {@link Hello}, and, when guarded, {@link PortcullisFilter} mapped to every
 * path as the servlet adapter's documentation maps it.
 */
final class JettyHello implements HelloServer {

    private final Configuration configuration;
    private final Server server;
    private final ServerConnector connector;
    private final Portcullis portcullis;

    private JettyHello(Configuration configuration, Server server, ServerConnector connector,
            Portcullis portcullis) {
        this.configuration = configuration;
        this.server = server;
        this.connector = connector;
        this.portcullis = portcullis;
    }

    /**
     * Starts the server on {@code port} (0 for any free one); a non-null {@code portcullis} is
     * put in front of the servlet and closed with the server.
     */
    static JettyHello start(Configuration configuration, int port, Portcullis portcullis)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (portcullis != null) {
            FilterHolder filter = new FilterHolder(new PortcullisFilter(portcullis));
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST,
                    DispatcherType.ASYNC));
        }
        context.addServlet(new ServletHolder(new HelloServlet()), "/");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new JettyHello(configuration, server, connector, portcullis);
    }

    @Override
    public Configuration configuration() {
        return configuration;
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            if (portcullis != null) {
                portcullis.close();
            }
        }
    }

    /** Answers {@link Hello#PATH} and {@link Hello#PUBLIC_PATH}; 404 for anything else. */
    private static final class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            String path = request.getServletPath();
            if (!Hello.PATH.equals(path) && !Hello.PUBLIC_PATH.equals(path)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(Hello.CONTENT_TYPE);
            response.getWriter().print(Hello.bodyOf(path));
        }
    }
}
