package io.portcullis.keys;

import io.portcullis.keys.KeyFetchListener.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one small JSON document (a JWKS or a discovery document) without blocking the caller,
 * bounded in time and size.
 *
 * <p>{@link HttpRequest#timeout} bounds only the wait for the response headers; a body sent a
 * byte a minute would hold a fetch open for ever. The whole exchange is therefore also bounded,
 * and a body still arriving at the bound is cancelled, closing the connection.
 *
 * <p>Limitation: the bound is the connect timeout plus the read timeout, counted from sending,
 * because the client exposes no moment at which the connection is made; a fast connect leaves
 * the body a little longer than the read timeout alone.
 */
final class DocumentFetcher {

    private final HttpClient client;
    private final KeySourceSettings settings;

    DocumentFetcher(HttpClient client, KeySourceSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        // A redirect could send the fetch to an address nobody configured, over any scheme.
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The HttpClient for key sources must never follow "
                    + "redirects (HttpClient.Redirect.NEVER), but follows "
                    + client.followRedirects());
        }
    }

    /** A fetched document: its body, decoded as UTF-8, and the response headers. */
    record Document(String body, HttpHeaders headers) {
    }

    /**
     * Fetches {@code uri}, never throwing; the stage fails with a {@link KeyFetchException}
     * (wrapped in a {@link CompletionException}) on any status but 200, a timeout, a broken
     * connection or a body over the cap.
     */
    CompletableFuture<Document> fetch(URI uri) {
        LimitedBodyHandler handler = new LimitedBodyHandler(settings.maxResponseBytes());
        Duration limit = settings.connectTimeout().plus(settings.readTimeout());

        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(settings.readTimeout())
                    .header("Accept", "application/json, application/jwk-set+json")
                    .build();
            exchange = client.sendAsync(request, handler);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new KeyFetchException(Failure.CONNECTION,
                    "the request could not be sent: " + refused.getMessage(), refused));
        }

        return exchange.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        KeyFetchException failure = translate(error, limit);
                        handler.abort(failure);
                        throw new CompletionException(failure);
                    }
                    String body = new String(response.body(), StandardCharsets.UTF_8);
                    return new Document(body, response.headers());
                });
    }

    /** Returns the fetch failure that {@code error}, from a stage of {@link #fetch}, stands for. */
    KeyFetchException failureOf(Throwable error) {
        return translate(error, settings.connectTimeout().plus(settings.readTimeout()));
    }

    private static KeyFetchException translate(Throwable error, Duration limit) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof KeyFetchException) {
                return (KeyFetchException) t;
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new KeyFetchException(Failure.TIMEOUT, "connect timed out", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new KeyFetchException(Failure.TIMEOUT, "no response headers within the read "
                    + "timeout", cause);
        }
        if (cause instanceof TimeoutException) {
            return new KeyFetchException(Failure.TIMEOUT, "no complete response within "
                    + limit.toMillis() + " ms", cause);
        }
        if (cause instanceof IOException) {
            return new KeyFetchException(Failure.CONNECTION, describe(cause), cause);
        }
        return new KeyFetchException(Failure.CONNECTION, "the request failed: "
                + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
