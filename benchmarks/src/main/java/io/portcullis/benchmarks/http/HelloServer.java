package io.portcullis.benchmarks.http;

/** A running server of one {@link Configuration} on 127.0.0.1. */
interface HelloServer extends AutoCloseable {

    Configuration configuration();

    /** Returns the port the server listens on. */
    int port();

    /** Returns {@code http://127.0.0.1:<port><path>}. */
    default String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Stops the server and releases what it owns. */
    @Override
    void close();
}
