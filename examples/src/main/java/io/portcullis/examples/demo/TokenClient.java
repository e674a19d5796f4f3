package io.portcullis.examples.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Gets tokens from an issuer's token endpoint (RFC 6749 section 3.2), found through its OpenID
 * configuration: client credentials (section 4.4) and resource owner password (section 4.3),
 * the two grants a command line can use without a browser.
 */
final class TokenClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: a busy two-core machine can stall a token request for seconds. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The tokens of one answer; {@code idToken} is null unless {@code openid} was asked. */
    record Tokens(String accessToken, String idToken) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, URI> tokenEndpoints = new ConcurrentHashMap<>();

    /** Returns the token endpoint the issuer's OpenID configuration names. */
    URI tokenEndpoint(String issuer) {
        Objects.requireNonNull(issuer, "issuer");
        return tokenEndpoints.computeIfAbsent(issuer, this::discover);
    }

    /** Gets a token for a confidential client's service account. */
    Tokens clientCredentials(String issuer, String clientId, String secret) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return request(issuer, "client " + clientId, form);
    }

    /** Gets a token for a user through a public client; {@code scope} may be null. */
    Tokens password(String issuer, String clientId, String username, String password,
            String scope) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        if (scope != null) {
            form.put("scope", scope);
        }
        return request(issuer, "user " + username, form);
    }

    private Tokens request(String issuer, String who, Map<String, String> form) {
        URI endpoint = tokenEndpoint(issuer);
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Map<String, Object> json = object(answer, "a token for " + who + " from " + endpoint);
        try {
            String access = JSONObjectUtils.getString(json, "access_token");
            if (access == null) {
                throw new IllegalStateException(endpoint + " answered no access_token for "
                        + who);
            }
            return new Tokens(access, JSONObjectUtils.getString(json, "id_token"));
        } catch (ParseException e) {
            throw new IllegalStateException(endpoint + " answered a malformed token response "
                    + "for " + who, e);
        }
    }

    private URI discover(String issuer) {
        URI configuration = URI.create(issuer + "/.well-known/openid-configuration");
        Map<String, Object> json = object(send(HttpRequest.newBuilder(configuration).GET()),
                "the OpenID configuration " + configuration);
        try {
            URI endpoint = JSONObjectUtils.getURI(json, "token_endpoint");
            if (endpoint == null) {
                throw new IllegalStateException(configuration + " names no token_endpoint");
            }
            return endpoint;
        } catch (ParseException e) {
            throw new IllegalStateException(configuration + " has a malformed token_endpoint",
                    e);
        }
    }

    /**
     * Returns the JSON object of a 2xx answer. An error answer is reported with its OAuth
     * {@code error} code only: descriptions can echo what was sent.
     */
    private static Map<String, Object> object(HttpResponse<String> answer, String what) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(answer.body());
        } catch (ParseException e) {
            json = Map.of();
        }
        if (answer.statusCode() / 100 != 2) {
            Object error = json.get("error");
            throw new IllegalStateException("getting " + what + " failed: HTTP "
                    + answer.statusCode() + (error instanceof String ? " " + error : ""));
        }
        if (json.isEmpty()) {
            throw new IllegalStateException("getting " + what + " failed: not a JSON object");
        }
        return json;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.uri(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
