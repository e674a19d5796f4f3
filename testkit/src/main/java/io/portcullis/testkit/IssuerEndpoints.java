package io.portcullis.testkit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Serves one issuer's discovery document, JWKS and token endpoint under its path, applying the
 * fault switched on for discovery and JWKS, and counting requests.
 */
final class IssuerEndpoints {

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/protocol/openid-connect/certs";
    static final String TOKEN_PATH = "/protocol/openid-connect/token";
    static final String AUTHORIZATION_PATH = "/protocol/openid-connect/auth";

    /** What {@link Faults.Mode#GARBAGE} serves: an HTML error page, as a proxy would. */
    static final String GARBAGE = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger jwksRequests = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();

    private final TestIssuer issuer;
    private final Faults faults;
    private final TokenEndpoint tokenEndpoint;

    IssuerEndpoints(TestIssuer issuer, Faults faults, TokenEndpoint tokenEndpoint) {
        this.issuer = issuer;
        this.faults = faults;
        this.tokenEndpoint = tokenEndpoint;
    }

    /**
     * Answers a request whose path below the issuer is {@code subPath}; {@code dropped} tells a
     * hanging request that the server or issuer is going away.
     */
    void handle(HttpExchange exchange, String subPath, BooleanSupplier dropped)
            throws IOException, InterruptedException {
        switch (subPath) {
            case DISCOVERY_PATH -> {
                discoveryRequests.incrementAndGet();
                serveDocument(exchange, dropped, /* jwks= */ false);
            }
            case JWKS_PATH -> {
                jwksRequests.incrementAndGet();
                serveDocument(exchange, dropped, /* jwks= */ true);
            }
            case TOKEN_PATH -> {
                tokenRequests.incrementAndGet();
                tokenEndpoint.handle(exchange);
            }
            default -> Replies.notFound(exchange);
        }
    }

    private void serveDocument(HttpExchange exchange, BooleanSupplier dropped, boolean jwks)
            throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Replies.methodNotAllowed(exchange, "GET, HEAD");
            return;
        }
        Faults.State state = faults.awaitUnlessHanging(dropped);
        if (dropped.getAsBoolean()) {
            Replies.drop(exchange);
            return;
        }
        switch (state.mode()) {
            case FAIL -> Replies.send(exchange, state.status(), "text/plain",
                    "simulated failure " + state.status());
            case GARBAGE -> Replies.send(exchange, 200, Replies.JSON, GARBAGE);
            default -> serveHealthy(exchange, state, jwks);
        }
    }

    private void serveHealthy(HttpExchange exchange, Faults.State state, boolean jwks)
            throws IOException {
        if (jwks) {
            String cacheControl = issuer.cacheControl();
            if (cacheControl != null) {
                exchange.getResponseHeaders().set("Cache-Control", cacheControl);
            }
            String body = state.jwksBody() != null ? state.jwksBody() : issuer.keys().jwksJson();
            Replies.send(exchange, 200, Replies.JSON, body);
        } else {
            String body = state.discoveryBody() != null ? state.discoveryBody() : discovery();
            Replies.send(exchange, 200, Replies.JSON, body);
        }
    }

    /** Returns the discovery document (OpenID Connect Discovery 1.0 section 3). */
    String discovery() {
        String base = issuer.issuer();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", base);
        document.put("authorization_endpoint", base + AUTHORIZATION_PATH);
        document.put("token_endpoint", base + TOKEN_PATH);
        document.put("jwks_uri", base + JWKS_PATH);
        document.put("grant_types_supported", List.of("client_credentials", "password"));
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", algorithmNames());
        document.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post"));
        document.put("scopes_supported", List.of("openid", "profile", "email"));
        document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "azp",
                "scope", "preferred_username", "realm_access", "resource_access"));
        return JSONObjectUtils.toJSONString(document);
    }

    private static List<String> algorithmNames() {
        List<String> names = new ArrayList<>();
        for (JWSAlgorithm algorithm : Algorithms.ASYMMETRIC) {
            names.add(algorithm.getName());
        }
        for (JWSAlgorithm algorithm : Algorithms.HMAC) {
            names.add(algorithm.getName());
        }
        return names;
    }
}
