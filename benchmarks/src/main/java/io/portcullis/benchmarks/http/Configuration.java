package io.portcullis.benchmarks.http;

import java.util.Locale;

/** One server of the request-path measurement: a framework, with or without Portcullis. */
public enum Configuration {
    /** Embedded Jetty 12 (ee10), a hello-world servlet and no filter. */
    SERVLET_PLAIN(/* vertx= */ false, /* guarded= */ false),
    /** The same Jetty with {@code PortcullisFilter} mapped in front of the servlet. */
    SERVLET_PORTCULLIS(/* vertx= */ false, /* guarded= */ true),
    /** A Vert.x HTTP server with a hello-world route. */
    VERTX_PLAIN(/* vertx= */ true, /* guarded= */ false),
    /** The same Vert.x router with {@code PortcullisHandler} before the route. */
    VERTX_PORTCULLIS(/* vertx= */ true, /* guarded= */ true);

    private final boolean vertx;
    private final boolean guarded;

    Configuration(boolean vertx, boolean guarded) {
        this.vertx = vertx;
        this.guarded = guarded;
    }

    /** Returns if this server runs on Vert.x (otherwise on Jetty). */
    public boolean vertx() {
        return vertx;
    }

    /** Returns if Portcullis guards this server. */
    public boolean guarded() {
        return guarded;
    }

    /** Returns the name used on the command line and in results, such as {@code vertx-plain}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the configuration named {@code id}, such as {@code servlet-portcullis}. */
    public static Configuration of(String id) {
        for (Configuration configuration : values()) {
            if (configuration.id().equals(id)) {
                return configuration;
            }
        }
        throw new IllegalArgumentException("No configuration '" + id
                + "'; known: servlet-plain, servlet-portcullis, vertx-plain, vertx-portcullis");
    }
}
