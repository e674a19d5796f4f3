package io.portcullis.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a token's roles and scopes live.
 *
 * <p>Presets cover the common issuers: {@link #keycloak()} reads realm roles from
 * {@code realm_access.roles} and client roles from {@code resource_access.<client>.roles} (kept
 * per client, so a client id with dots in it is one key, never a path); {@link #rolesClaim()} and
 * {@link #groupsClaim()} read a top-level array. Scopes come from {@code scope} (a
 * space-separated string, RFC 8693 section 4.2) or {@code scp} (an array or a string).
 *
 * <p>A claim of an unexpected shape grants nothing: it is logged at {@code debug} and skipped,
 * never thrown, because the claims came from the caller.
 */
public final class ClaimMapping {

    private static final Logger log = LoggerFactory.getLogger(ClaimMapping.class);

    private final String preset;
    private final List<List<String>> rolePaths;
    private final boolean keycloakClientRoles;

    private ClaimMapping(String preset, List<List<String>> rolePaths, boolean keycloakClientRoles) {
        this.preset = preset;
        this.rolePaths = List.copyOf(rolePaths);
        this.keycloakClientRoles = keycloakClientRoles;
    }

    /** Keycloak: {@code realm_access.roles} and per-client {@code resource_access.*.roles}. */
    public static ClaimMapping keycloak() {
        return new ClaimMapping("keycloak", List.of(List.of("realm_access", "roles")), true);
    }

    /** A top-level {@code roles} array, as Auth0 rules, Entra ID and many issuers send. */
    public static ClaimMapping rolesClaim() {
        return new ClaimMapping("roles", List.of(List.of("roles")), false);
    }

    /** A top-level {@code groups} array, as Okta and Keycloak's group mapper send. */
    public static ClaimMapping groupsClaim() {
        return new ClaimMapping("groups", List.of(List.of("groups")), false);
    }

    /**
     * Returns the preset with this name: {@code keycloak}, {@code roles} or {@code groups}.
     *
     * @throws IllegalArgumentException naming the presets there are, for any other name
     */
    public static ClaimMapping preset(String name) {
        Objects.requireNonNull(name, "name");
        switch (name) {
            case "keycloak":
                return keycloak();
            case "roles":
                return rolesClaim();
            case "groups":
                return groupsClaim();
            default:
                throw new IllegalArgumentException("Unknown role preset '" + name
                        + "'; known presets are keycloak, roles, groups");
        }
    }

    /**
     * Reads roles from the claims at these paths instead; a path is claim names joined by dots
     * ({@code realm_access.roles}). Keycloak client roles are read only by {@link #keycloak()}.
     */
    public static ClaimMapping roleClaims(String... paths) {
        List<List<String>> parsed = new ArrayList<>();
        for (String path : paths) {
            Objects.requireNonNull(path, "path");
            if (path.isEmpty() || path.startsWith(".") || path.endsWith(".")
                    || path.contains("..")) {
                throw new IllegalArgumentException("Not a claim path: '" + path + "'");
            }
            parsed.add(List.of(path.split("\\.")));
        }
        return new ClaimMapping("custom", parsed, false);
    }

    /** Returns the preset name, or {@code custom}. */
    public String name() {
        return preset;
    }

    /** Returns the realm-wide roles the claims grant. */
    public Set<String> roles(Map<String, Object> claims) {
        Set<String> roles = new LinkedHashSet<>();
        for (List<String> path : rolePaths) {
            addStrings(roles, at(claims, path), path);
        }
        return roles;
    }

    /** Returns the per-client roles the claims grant, by client id; empty unless Keycloak. */
    public Map<String, Set<String>> clientRoles(Map<String, Object> claims) {
        if (!keycloakClientRoles) {
            return Map.of();
        }
        Object access = claims.get("resource_access");
        if (access == null) {
            return Map.of();
        }
        if (!(access instanceof Map)) {
            log.debug("Claim resource_access is not an object; no client roles granted");
            return Map.of();
        }
        Map<String, Set<String>> byClient = new HashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) access).entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof Map)) {
                log.debug("An entry of resource_access is not an object; skipped");
                continue;
            }
            Set<String> roles = new LinkedHashSet<>();
            List<String> path = List.of("resource_access", (String) entry.getKey(), "roles");
            addStrings(roles, ((Map<?, ?>) entry.getValue()).get("roles"), path);
            if (!roles.isEmpty()) {
                byClient.put((String) entry.getKey(), roles);
            }
        }
        return byClient;
    }

    /** Returns the scopes of {@code scope} (space-separated) and {@code scp} (array or string). */
    public Set<String> scopes(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        addScopes(scopes, claims.get("scope"), "scope");
        addScopes(scopes, claims.get("scp"), "scp");
        return scopes;
    }

    private static void addScopes(Set<String> scopes, Object value, String claim) {
        if (value == null) {
            return;
        }
        if (value instanceof String) {
            for (String scope : ((String) value).split(" ")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        } else if (value instanceof Collection) {
            addStrings(scopes, value, List.of(claim));
        } else {
            log.debug("Claim {} is neither a string nor an array; no scopes granted", claim);
        }
    }

    private static Object at(Map<String, Object> claims, List<String> path) {
        Object node = claims;
        for (String name : path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(name);
        }
        return node;
    }

    private static void addStrings(Set<String> into, Object value, List<String> path) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Collection)) {
            log.debug("Claim {} is not an array; it grants nothing", String.join(".", path));
            return;
        }
        for (Object item : (Collection<?>) value) {
            if (item instanceof String) {
                into.add((String) item);
            } else {
                log.debug("Claim {} holds a non-string item; skipped", String.join(".", path));
            }
        }
    }

    @Override
    public String toString() {
        return "ClaimMapping[" + preset + "]";
    }
}
