package io.portcullis.examples;

import java.net.URI;

/**
 * One running example service: an HTTP server on 127.0.0.1 that guards the orders API with the
 * shared rule file {@value OrdersPolicy#LOCATION}.
 *
 * <p>Every kind of service (servlet, Spring Boot, Vert.x) answers alike, so that the demo can
 * compare them: a request the policy refuses gets Portcullis's status, headers and problem
 * document (whose {@code reason} member says why); a request it allows gets 200 and the JSON
 * body of {@link OrdersReplies}.
 */
public interface ExampleService extends AutoCloseable {

    /** Returns the kind of service, such as {@code servlet}: a short column heading. */
    String name();

    /** Returns {@code http://127.0.0.1:<port>}, without a trailing slash. */
    URI baseUri();

    /** Stops the server and releases what it holds (its Portcullis included). */
    @Override
    void close();

    /** Starts one kind of service; {@link ExampleServices} lists them. */
    @FunctionalInterface
    interface Starter {

        /**
         * Starts a service trusting {@link ServiceSettings#issuer()}, listening on 127.0.0.1
         * and {@link ServiceSettings#port()}, and returns once it accepts requests.
         */
        ExampleService start(ServiceSettings settings) throws Exception;
    }
}
