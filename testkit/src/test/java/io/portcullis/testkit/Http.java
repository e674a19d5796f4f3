package io.portcullis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** Real HTTP requests against the test issuer, with generous timeouts for a busy machine. */
final class Http {

    /** Time allowed for any answer that should come; long, since the machine may be loaded. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = newClient();

    private Http() {
    }

    /** Returns a client of its own, for tests where pooled connections must not carry over. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    static HttpResponse<String> get(URI uri) {
        return send(CLIENT, HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    }

    static CompletableFuture<HttpResponse<String>> getAsync(URI uri) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> request(URI uri, String method) {
        return send(CLIENT, HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Posts a form body, with HTTP Basic credentials when {@code basicUser} is not null. */
    static HttpResponse<String> postForm(URI uri, String form, String basicUser,
            String basicPassword) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicUser != null) {
            String pair = basicUser + ":" + basicPassword;
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return send(CLIENT, request.build());
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
