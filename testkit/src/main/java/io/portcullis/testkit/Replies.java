package io.portcullis.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes one HTTP answer on an exchange and closes it. */
final class Replies {

    static final String JSON = "application/json";

    private Replies() {
    }

    /** Sends {@code body} with {@code status}; a HEAD request, 204 or 304 gets no body. */
    static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        boolean noBody = exchange.getRequestMethod().equals("HEAD")
                || status == 204 || status == 304 || bytes.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** Sends 405 with the allowed methods (RFC 9110 section 15.5.6). */
    static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        send(exchange, 405, "text/plain", "method not allowed");
    }

    static void notFound(HttpExchange exchange) throws IOException {
        send(exchange, 404, "text/plain", "not found");
    }

    /** Closes the connection without an answer, as a server that went away would. */
    static void drop(HttpExchange exchange) {
        exchange.close();
    }
}
