package io.portcullis.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Real HTTP requests to the embedded server on 127.0.0.1. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final int port;

    public Http(int port) {
        this.port = port;
    }

    /** Sends {@code GET path}, with {@code Authorization: Bearer token} unless null. */
    public Reply get(String path, String token) {
        return send("GET", path, token == null ? null : "Bearer " + token);
    }

    /** Sends a request with this {@code Authorization} header, unless null. */
    public Reply send(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers, body. */
    public static final class Reply {
        private final HttpResponse<String> response;

        Reply(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        /** Returns the {@code WWW-Authenticate} challenge, or "" without one. */
        public String challenge() {
            return header("WWW-Authenticate").orElse("");
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.headers().map() + " " + response.body();
        }
    }
}
