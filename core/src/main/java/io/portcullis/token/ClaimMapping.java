package io.portcullis.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a token's roles and scopes live, as claim paths (one claim name per level, so a claim
 * name with dots in it needs no escaping).
 *
 * <p>Presets cover the common issuers: {@link #keycloak()} reads realm roles from
 * {@code realm_access.roles} and client roles from {@code resource_access.<client>.roles}, kept
 * per client so that a client role never passes for a realm role of the same name and a client
 * id with dots in it is one key; {@link #rolesClaim()} and {@link #groupsClaim()} read a
 * top-level array. Scopes come from the first scope claim that holds a value: a space-separated
 * string ({@code scope}, RFC 8693 section 4.2) or an array ({@code scp}).
 *
 * <p>A claim of an unexpected shape grants nothing: it is logged at {@code debug} and skipped,
 * never thrown, because the claims came from the caller.
 */
public final class ClaimMapping {

    private static final Logger log = LoggerFactory.getLogger(ClaimMapping.class);
    private static final List<String> SCOPE_CLAIMS = List.of("scope", "scp");

    private final String name;
    private final List<String> rolesClaim;
    private final List<String> clientRolesClaim;
    private final List<String> scopeClaims;

    private ClaimMapping(String name, List<String> rolesClaim, List<String> clientRolesClaim,
            List<String> scopeClaims) {
        this.name = name;
        this.rolesClaim = List.copyOf(rolesClaim);
        this.clientRolesClaim = clientRolesClaim == null ? null : List.copyOf(clientRolesClaim);
        this.scopeClaims = List.copyOf(scopeClaims);
    }

    /** Keycloak: {@code realm_access.roles} and per-client {@code resource_access.*.roles}. */
    public static ClaimMapping keycloak() {
        return new ClaimMapping("keycloak", List.of("realm_access", "roles"),
                List.of("resource_access"), SCOPE_CLAIMS);
    }

    /** A top-level {@code roles} array, as Entra ID and many other issuers send. */
    public static ClaimMapping rolesClaim() {
        return new ClaimMapping("roles", List.of("roles"), null, SCOPE_CLAIMS);
    }

    /** A top-level {@code groups} array, as Okta and Keycloak's group mapper send. */
    public static ClaimMapping groupsClaim() {
        return new ClaimMapping("groups", List.of("groups"), null, SCOPE_CLAIMS);
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
     * Returns a mapping of explicit claim paths.
     *
     * @param rolesClaim the path of the array of realm-wide roles, such as
     *     {@code [realm_access, roles]}
     * @param clientRolesClaim the path of the object holding each client's {@code roles} array by
     *     client id, such as {@code [resource_access]}; empty for issuers without client roles
     * @param scopeClaims the claims that carry scopes, tried in order
     */
    public static ClaimMapping of(List<String> rolesClaim, Optional<List<String>> clientRolesClaim,
            List<String> scopeClaims) {
        checkPath(rolesClaim, "rolesClaim");
        Objects.requireNonNull(clientRolesClaim, "clientRolesClaim")
                .ifPresent(path -> checkPath(path, "clientRolesClaim"));
        Objects.requireNonNull(scopeClaims, "scopeClaims").forEach(
                claim -> Objects.requireNonNull(claim, "scope claim"));
        return new ClaimMapping("custom", rolesClaim, clientRolesClaim.orElse(null), scopeClaims);
    }

    private static void checkPath(List<String> path, String what) {
        Objects.requireNonNull(path, what);
        if (path.isEmpty() || path.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(what + " must name at least one claim: " + path);
        }
    }

    /** Returns the preset name, or {@code custom}. */
    public String name() {
        return name;
    }

    /** Returns the path of the array of realm-wide roles. */
    public List<String> rolesClaimPath() {
        return rolesClaim;
    }

    /** Returns the path of the object of client roles by client id, empty if none. */
    public Optional<List<String>> clientRolesClaimPath() {
        return Optional.ofNullable(clientRolesClaim);
    }

    /** Returns the claims that carry scopes, in the order they are tried. */
    public List<String> scopeClaims() {
        return scopeClaims;
    }

    /** Returns the realm-wide roles the claims grant. */
    public Set<String> roles(Map<String, Object> claims) {
        return strings(at(claims, rolesClaim), rolesClaim, null);
    }

    /** Returns the per-client roles the claims grant, by client id. */
    public Map<String, Set<String>> clientRoles(Map<String, Object> claims) {
        if (clientRolesClaim == null) {
            return Map.of();
        }
        Object access = at(claims, clientRolesClaim);
        if (access == null) {
            return Map.of();
        }
        if (!(access instanceof Map)) {
            log.debug("Claim {} is not an object; no client roles granted",
                    String.join(".", clientRolesClaim));
            return Map.of();
        }
        Map<String, Set<String>> byClient = new HashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) access).entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof Map)) {
                log.debug("An entry of {} is not an object; skipped",
                        String.join(".", clientRolesClaim));
                continue;
            }
            String client = (String) entry.getKey();
            Set<String> roles = strings(((Map<?, ?>) entry.getValue()).get("roles"),
                    clientRolesClaim, client);
            if (!roles.isEmpty()) {
                byClient.put(client, roles);
            }
        }
        return Map.copyOf(byClient);
    }

    /**
     * Returns the scopes of the first scope claim that holds a string (space-separated) or an
     * array; a claim of another type is skipped.
     */
    public Set<String> scopes(Map<String, Object> claims) {
        for (String claim : scopeClaims) {
            Object value = claims.get(claim);
            if (value instanceof String) {
                return spaceSeparated((String) value);
            }
            if (value instanceof Collection) {
                return strings(value, List.of(claim), null);
            }
            if (value != null) {
                log.debug("Claim {} is neither a string nor an array; skipped", claim);
            }
        }
        return Set.of();
    }

    /** RFC 6749 section 3.3: scope tokens separated by spaces. */
    private static Set<String> spaceSeparated(String value) {
        List<String> scopes = new ArrayList<>();
        int start = 0;
        while (start < value.length()) {
            int end = value.indexOf(' ', start);
            if (end < 0) {
                end = value.length();
            }
            if (end > start) {
                scopes.add(value.substring(start, end));
            }
            start = end + 1;
        }
        return Set.copyOf(scopes);
    }

    private static Object at(Map<String, Object> claims, List<String> path) {
        Object node = claims;
        for (String claim : path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(claim);
        }
        return node;
    }

    /**
     * Returns the strings of an array claim as an immutable set; anything else grants nothing.
     * {@code path} and {@code client} only name the claim in logs.
     */
    private static Set<String> strings(Object value, List<String> path, String client) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof Collection)) {
            log.debug("Claim {} is not an array; it grants nothing", describe(path, client));
            return Set.of();
        }
        Collection<?> items = (Collection<?>) value;
        List<String> strings = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof String) {
                strings.add((String) item);
            } else {
                log.debug("Claim {} holds a non-string item; skipped", describe(path, client));
            }
        }
        return Set.copyOf(strings);
    }

    private static String describe(List<String> path, String client) {
        return String.join(".", path) + (client == null ? "" : "." + client + ".roles");
    }

    @Override
    public String toString() {
        return "ClaimMapping[" + name + "]";
    }
}
