package io.portcullis.vertx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Sends real requests: through the JDK client, or byte for byte over a socket. */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    private Http() {
    }

    /** Returns the answer to {@code GET uri}, with each pair of strings a header. */
    static Response get(URI uri, String... headers) {
        try {
            return Response.of(CLIENT.send(request(uri, headers),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Sends {@code GET uri} and returns at once. */
    static CompletableFuture<Response> getAsync(URI uri, String... headers) {
        return CLIENT.sendAsync(request(uri, headers), HttpResponse.BodyHandlers.ofString())
                .thenApply(Response::of);
    }

    /** Returns a header value that authorizes with {@code token}. */
    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static HttpRequest request(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    /**
     * Writes {@code head} (request line and headers, CRLF line ends added, no body) to the
     * server exactly as given, so no client library normalises the path, and reads the answer.
     */
    static Response raw(int port, String... head) {
        StringBuilder text = new StringBuilder();
        for (String line : head) {
            text.append(line).append("\r\n");
        }
        text.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("Raw request " + head[0] + " failed", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    /** A status, the headers by lower-case name, and the body. */
    static final class Response {
        final int status;
        final Map<String, List<String>> headers;
        final String body;

        private Response(int status, Map<String, List<String>> headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        static Response of(HttpResponse<String> response) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            return new Response(response.statusCode(), headers, response.body());
        }

        static Response parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("Not an HTTP response: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim()
                                .toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            String body = new String(bytes, end + 4, bytes.length - end - 4,
                    StandardCharsets.UTF_8);
            return new Response(status, headers, body);
        }

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty()
                    ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }
}
