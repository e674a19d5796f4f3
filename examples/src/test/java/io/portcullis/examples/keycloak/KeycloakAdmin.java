package io.portcullis.examples.keycloak;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The admin REST API of the local Keycloak, signed in as the bootstrap admin of the master
 * realm. Its token lives 60 s, so a new one is fetched shortly before the old one expires.
 */
public final class KeycloakAdmin {

    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";
    /** Fetch a new admin token when the current one has less than this left. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(20);
    /** How long a new key may take to show in the JWKS. */
    private static final Duration KEY_VISIBLE_TIMEOUT = Duration.ofSeconds(30);

    private final KeycloakServer server;
    private final Http http;
    private final String username;
    private final String password;

    private String token;
    private Instant tokenRefreshAt = Instant.MIN;

    KeycloakAdmin(KeycloakServer server, Http http, String username, String password) {
        this.server = server;
        this.http = http;
        this.username = username;
        this.password = password;
    }

    /**
     * Adds an active {@code rsa-generated} RS256 key to {@code realm} and returns it once its kid
     * is in the realm's JWKS. With a priority above the current key's (100 after import) it signs
     * all new tokens; the old key stays in the JWKS.
     */
    public RealmKey addRsaKey(String realm, int priority) {
        Objects.requireNonNull(realm, "realm");
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", "rsa-added-" + priority + "-" + System.nanoTime());
        component.put("providerId", "rsa-generated");
        component.put("providerType", KEY_PROVIDER);
        component.put("config", Map.of(
                "priority", List.of(Integer.toString(priority)),
                "keySize", List.of("2048"),
                "algorithm", List.of("RS256"),
                "active", List.of("true"),
                "enabled", List.of("true")));
        HttpResponse<String> created = http.postJson(adminUri(realm, "components"), token(),
                component);
        Http.expectSuccess("adding a key to realm " + realm, created);
        String location = created.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("Keycloak created a key but named no Location"));
        String componentId = location.substring(location.lastIndexOf('/') + 1);

        RealmKey key = keys(realm).stream()
                .filter(k -> k.componentId().equals(componentId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "key component " + componentId + " holds no key in realm " + realm));
        await("kid " + key.kid() + " in the JWKS of " + realm)
                .atMost(KEY_VISIBLE_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> server.jwks(realm).getKeyByKeyId(key.kid()) != null);
        return key;
    }

    /**
     * Disables a key provider component: its key leaves the JWKS at once and tokens it signed no
     * longer verify. The realm signs with its next active key.
     */
    public void disableKey(String realm, String componentId) {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(componentId, "componentId");
        URI uri = adminUri(realm, "components/" + componentId);
        Map<String, Object> component = Http.jsonObject("reading key component " + componentId,
                http.get(uri, token()));
        Map<String, Object> config = new LinkedHashMap<>(json(() ->
                JSONObjectUtils.getJSONObject(component, "config")));
        config.put("enabled", List.of("false"));
        component.put("config", config);
        Http.expectSuccess("disabling key component " + componentId,
                http.putJson(uri, token(), component));
    }

    /** Lists the keys of a realm, signing and encryption, of every status. */
    public List<RealmKey> keys(String realm) {
        Objects.requireNonNull(realm, "realm");
        Map<String, Object> answer = Http.jsonObject("listing the keys of realm " + realm,
                http.get(adminUri(realm, "keys"), token()));
        List<RealmKey> keys = new ArrayList<>();
        for (Map<String, Object> key : json(() -> JSONObjectUtils.getJSONObjectArray(answer,
                "keys"))) {
            keys.add(json(() -> new RealmKey(
                    JSONObjectUtils.getString(key, "providerId"),
                    JSONObjectUtils.getString(key, "kid"),
                    JSONObjectUtils.getString(key, "algorithm"),
                    JSONObjectUtils.getString(key, "use"),
                    JSONObjectUtils.getString(key, "status"),
                    JSONObjectUtils.getLong(key, "providerPriority"))));
        }
        return keys;
    }

    /** A master-realm admin access token, fetched again shortly before it expires. */
    public synchronized String token() {
        if (token == null || !Instant.now().isBefore(tokenRefreshAt)) {
            Map<String, Object> answer = Http.jsonObject("admin sign-in", http.postForm(
                    server.tokenEndpoint("master"), Map.of(
                            "grant_type", "password",
                            "client_id", "admin-cli",
                            "username", username,
                            "password", password)));
            long lifetimeSeconds = json(() -> JSONObjectUtils.getLong(answer, "expires_in"));
            token = json(() -> JSONObjectUtils.getString(answer, "access_token"));
            tokenRefreshAt = Instant.now().plusSeconds(lifetimeSeconds).minus(TOKEN_MARGIN);
        }
        return token;
    }

    /** Drops the cached admin token, so the next call signs in again; used after a restart. */
    synchronized void forgetToken() {
        token = null;
    }

    private URI adminUri(String realm, String path) {
        return server.baseUri().resolve("/admin/realms/" + realm + "/" + path);
    }

    private interface JsonRead<T> {
        T read() throws ParseException;
    }

    private static <T> T json(JsonRead<T> read) {
        try {
            return read.read();
        } catch (ParseException e) {
            throw new IllegalStateException("unexpected admin API answer: " + e.getMessage(), e);
        }
    }
}
