package io.portcullis.examples;

import io.portcullis.examples.servlet.OrdersServletApp;
import io.portcullis.examples.spring.OrdersSpringApp;
import io.portcullis.examples.vertx.OrdersVertxApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every kind of example service. The demo and the end-to-end tests start each of them and send
 * every request to all; another kind joins by adding one {@link Kind} to {@link #ALL}.
 */
public final class ExampleServices {

    /** A kind of service: its name and how to start it. */
    public record Kind(String name, ExampleService.Starter starter) {
        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(starter, "starter");
        }
    }

    /** The kinds of service, in the order the demo shows them. */
    public static final List<Kind> ALL = List.of(
            new Kind("servlet", OrdersServletApp::start),
            new Kind("spring", OrdersSpringApp::start),
            new Kind("vertx", OrdersVertxApp::start));

    private ExampleServices() {
    }

    /**
     * Starts one service of every kind with {@code settings} (a port of 0 gives each a free
     * one). If one fails to start, those already started are closed again.
     */
    public static List<ExampleService> startAll(ServiceSettings settings) throws Exception {
        Objects.requireNonNull(settings, "settings");
        if (settings.port() != 0 && ALL.size() > 1) {
            throw new IllegalArgumentException("several services cannot share port "
                    + settings.port() + "; use 0");
        }
        List<ExampleService> started = new ArrayList<>();
        try {
            for (Kind kind : ALL) {
                started.add(kind.starter().start(settings));
            }
            return List.copyOf(started);
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** Closes every service, going on past one that fails to close. */
    public static void closeAll(List<ExampleService> services) {
        RuntimeException first = null;
        for (ExampleService service : services) {
            try {
                service.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
