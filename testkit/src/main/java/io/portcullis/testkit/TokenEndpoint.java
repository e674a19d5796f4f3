package io.portcullis.testkit;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The token endpoint (RFC 6749 section 3.2) of one issuer, for two grants: client credentials
 * (section 4.4) for registered clients and resource owner password (section 4.3) for registered
 * users. Enough for tests that fetch a token over HTTP; no refresh tokens, no consent.
 *
 * <p>Limitation: a requested {@code scope} is copied into the token as asked, without checking
 * it against anything the client may have.
 */
final class TokenEndpoint {

    /** A registered client; a {@code null} secret makes it public (password grant only). */
    private record Client(String secret, String subject, Consumer<TokenBuilder> claims) {
    }

    private record User(String password, String subject, Consumer<TokenBuilder> claims) {
    }

    /** Client credentials as presented, and whether they came in an Authorization header. */
    private record Presented(String clientId, String secret, boolean basic) {
    }

    /** An OAuth error answer (RFC 6749 section 5.2). */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String error;
        final boolean basicChallenge;

        Refusal(int status, String error, String description, boolean basicChallenge) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
            this.basicChallenge = basicChallenge;
        }
    }

    private final TestIssuer issuer;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();

    TokenEndpoint(TestIssuer issuer) {
        this.issuer = issuer;
    }

    void registerClient(String clientId, String secret, Consumer<TokenBuilder> claims) {
        String subject = UUID.nameUUIDFromBytes(("client:" + clientId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        clients.put(clientId, new Client(secret, subject, claims));
    }

    void registerUser(String username, String password, Consumer<TokenBuilder> claims) {
        String subject = UUID.nameUUIDFromBytes(("user:" + username)
                .getBytes(StandardCharsets.UTF_8)).toString();
        users.put(username, new User(password, subject, claims));
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            Replies.methodNotAllowed(exchange, "POST");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        try {
            FormBody form = readForm(exchange);
            TokenBuilder token = grant(form, presented(exchange, form));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token.sign());
            body.put("token_type", "Bearer");
            body.put("expires_in", token.lifetimeSeconds());
            Replies.send(exchange, 200, Replies.JSON, JSONObjectUtils.toJSONString(body));
        } catch (Refusal refusal) {
            if (refusal.basicChallenge) {
                exchange.getResponseHeaders().set("WWW-Authenticate",
                        "Basic realm=\"" + issuer.realm() + "\"");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refusal.error);
            body.put("error_description", refusal.getMessage());
            Replies.send(exchange, refusal.status, Replies.JSON,
                    JSONObjectUtils.toJSONString(body));
        }
    }

    private static FormBody readForm(HttpExchange exchange) throws Refusal {
        try {
            FormBody form = FormBody.read(exchange.getRequestBody());
            Optional<String> repeated = form.repeatedParameter();
            if (repeated.isPresent()) {
                throw badRequest("invalid_request", "parameter given twice: " + repeated.get());
            }
            return form;
        } catch (IOException | IllegalArgumentException e) {
            throw badRequest("invalid_request", "unreadable form body");
        }
    }

    private TokenBuilder grant(FormBody form, Presented presented) throws Refusal {
        String grantType = form.get("grant_type")
                .orElseThrow(() -> badRequest("invalid_request", "grant_type is missing"));
        if (grantType.equals("client_credentials")) {
            return clientCredentials(form, presented);
        }
        if (grantType.equals("password")) {
            return password(form, presented);
        }
        throw badRequest("unsupported_grant_type", "unsupported grant_type " + grantType);
    }

    private TokenBuilder clientCredentials(FormBody form, Presented presented) throws Refusal {
        Client client = authenticate(presented);
        if (client.secret == null) {
            throw badRequest("unauthorized_client", "a public client has no service account");
        }
        TokenBuilder token = issuer.token()
                .clientId(presented.clientId)
                .subject(client.subject)
                .claim("preferred_username", "service-account-" + presented.clientId)
                .claim("client_id", presented.clientId);
        client.claims.accept(token);
        form.get("scope").ifPresent(token::scope);
        return token;
    }

    private TokenBuilder password(FormBody form, Presented presented) throws Refusal {
        authenticate(presented);
        String username = form.get("username")
                .orElseThrow(() -> badRequest("invalid_request", "username is missing"));
        String password = form.get("password")
                .orElseThrow(() -> badRequest("invalid_request", "password is missing"));
        User user = users.get(username);
        if (user == null || !same(user.password, password)) {
            throw badRequest("invalid_grant", "invalid user credentials");
        }
        TokenBuilder token = issuer.token()
                .clientId(presented.clientId)
                .subject(user.subject)
                .claim("preferred_username", username);
        user.claims.accept(token);
        form.get("scope").ifPresent(token::scope);
        return token;
    }

    /**
     * Checks the client: a confidential client must present its secret, a public one only its id
     * (RFC 6749 section 2.3.1).
     */
    private Client authenticate(Presented presented) throws Refusal {
        if (presented == null) {
            throw new Refusal(401, "invalid_client", "client authentication is missing", false);
        }
        Client client = clients.get(presented.clientId);
        boolean secretOk = client != null && (client.secret == null
                ? presented.secret == null : same(client.secret, presented.secret));
        if (!secretOk) {
            throw new Refusal(401, "invalid_client", "invalid client credentials",
                    presented.basic);
        }
        return client;
    }

    /**
     * Reads client credentials from HTTP Basic or the form, refusing both at once
     * (RFC 6749 section 2.3: one method per request).
     */
    private static Presented presented(HttpExchange exchange, FormBody form) throws Refusal {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Optional<String> formId = form.get("client_id");
        if (authorization == null) {
            return formId.map(id -> new Presented(id, form.get("client_secret").orElse(null),
                    false)).orElse(null);
        }
        if (form.get("client_secret").isPresent()) {
            throw badRequest("invalid_request", "client authenticated twice");
        }
        return basic(authorization);
    }

    /** Decodes {@code Basic base64(urlencode(id) ":" urlencode(secret))} (RFC 6749 2.3.1). */
    private static Presented basic(String authorization) throws Refusal {
        String prefix = "Basic ";
        if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new Refusal(401, "invalid_client", "unsupported authentication scheme", true);
        }
        try {
            String decoded = new String(Base64.getDecoder()
                    .decode(authorization.substring(prefix.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no colon");
            }
            return new Presented(FormBody.decode(decoded.substring(0, colon)),
                    FormBody.decode(decoded.substring(colon + 1)), true);
        } catch (IllegalArgumentException e) {
            throw new Refusal(401, "invalid_client", "malformed Basic credentials", true);
        }
    }

    /** Compares secrets in constant time, out of habit: a test issuer has nothing to leak. */
    private static boolean same(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Refusal badRequest(String error, String description) {
        return new Refusal(400, error, description, false);
    }
}
