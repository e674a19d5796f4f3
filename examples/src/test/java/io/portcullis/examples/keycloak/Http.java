package io.portcullis.examples.keycloak;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Small blocking HTTP calls to the local Keycloak: forms in, JSON objects out. */
final class Http {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: a busy two-core machine can stall an admin call for several seconds. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Sends a GET with an optional bearer token ({@code null} for none). */
    HttpResponse<String> get(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        return send(authorized(request, bearer));
    }

    /** Sends a GET with a short timeout and returns only the status; -1 if nothing answered. */
    int probe(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + uri, e);
        }
    }

    /** Posts an {@code application/x-www-form-urlencoded} body. */
    HttpResponse<String> postForm(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request);
    }

    /** Posts a JSON object with a bearer token. */
    HttpResponse<String> postJson(URI uri, String bearer, Map<String, ?> json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(json)));
        return send(authorized(request, bearer));
    }

    /** Puts a JSON object with a bearer token. */
    HttpResponse<String> putJson(URI uri, String bearer, Map<String, ?> json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(json)));
        return send(authorized(request, bearer));
    }

    /** Returns the body of a 2xx response as a JSON object, or fails naming the call. */
    static Map<String, Object> jsonObject(String what, HttpResponse<String> response) {
        expectSuccess(what, response);
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new IllegalStateException(what + " did not answer a JSON object", e);
        }
    }

    /** Fails naming the call unless the response is 2xx; Keycloak's error bodies hold no secret. */
    static void expectSuccess(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new IllegalStateException(what + " failed: HTTP " + status + " "
                    + response.body());
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String bearer) {
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.uri(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
