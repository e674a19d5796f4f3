package io.portcullis.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded Jetty 12 (ee10) on 127.0.0.1 and an ephemeral port, with one servlet context. */
final class Site implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT).build();

    private final Server server;
    private final ServerConnector connector;
    private final String contextPath;

    private Site(Server server, ServerConnector connector, String contextPath) {
        this.server = server;
        this.connector = connector;
        this.contextPath = contextPath;
    }

    /** Starts a context at {@code contextPath} ("/" for the root) that {@code setup} fills. */
    static Site start(String contextPath, Consumer<ServletContextHandler> setup)
            throws Exception {
        return start(contextPath, new HttpConfiguration(), setup);
    }

    /** Starts a context on a connector with the given HTTP configuration. */
    static Site start(String contextPath, HttpConfiguration http,
            Consumer<ServletContextHandler> setup) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath);
        setup.accept(context);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new Site(server, connector, "/".equals(contextPath) ? "" : contextPath);
    }

    /** Maps {@code filter} to every path, for requests and async dispatches, async supported. */
    static FilterHolder guard(ServletContextHandler context, Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        guard(context, holder);
        return holder;
    }

    /** Maps the filter {@code holder} as {@link #guard(ServletContextHandler, Filter)} does. */
    static void guard(ServletContextHandler context, FilterHolder holder) {
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST,
                DispatcherType.ASYNC));
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Returns the URI of {@code path} (with its query) inside the context. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + contextPath + path);
    }

    /** Sends {@code GET path} with header name and value pairs. */
    HttpResponse<String> get(String path, String... headers) throws IOException,
            InterruptedException {
        return send(request(path, headers).GET());
    }

    /** Starts a request to {@code path} with header name and value pairs. */
    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException,
            InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code GET target} over a raw socket, the target exactly as given. */
    RawHttp.Response raw(String target, String... headerLines) throws IOException {
        return RawHttp.get(port(), target, headerLines);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
