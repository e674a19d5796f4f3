package io.portcullis.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where common issuers put roles and scopes, so that an issuer entry can say
 * {@code rolePreset: keycloak} instead of spelling out claim paths.
 */
public enum RolePreset {
    /**
     * Keycloak: realm roles in {@code realm_access.roles}, client roles in
     * {@code resource_access.<client>.roles}, scopes in {@code scope} (or {@code scp}).
     */
    KEYCLOAK(List.of("realm_access", "roles"), List.of("resource_access"),
            List.of("scope", "scp")),
    /** A top-level {@code roles} array (Microsoft Entra ID, many others); scopes in
     * {@code scope} or {@code scp}. */
    ROLES(List.of("roles"), null, List.of("scope", "scp")),
    /** A top-level {@code groups} array (Okta and others); scopes in {@code scope} or
     * {@code scp}. */
    GROUPS(List.of("groups"), null, List.of("scope", "scp"));

    private final List<String> rolesClaim;
    private final List<String> clientRolesClaim;
    private final List<String> scopeClaims;

    RolePreset(List<String> rolesClaim, List<String> clientRolesClaim, List<String> scopeClaims) {
        this.rolesClaim = rolesClaim;
        this.clientRolesClaim = clientRolesClaim;
        this.scopeClaims = scopeClaims;
    }

    /** Returns the name used in policy files: {@code keycloak}, {@code roles}, {@code groups}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the preset a policy file names, empty for an unknown name. */
    public static Optional<RolePreset> fromFileName(String name) {
        for (RolePreset preset : values()) {
            if (preset.fileName().equals(name)) {
                return Optional.of(preset);
            }
        }
        return Optional.empty();
    }

    /** Returns the path of the claim holding realm-wide roles, one name per level. */
    public List<String> rolesClaim() {
        return rolesClaim;
    }

    /**
     * Returns the path of the object that holds client roles by client id (each client's
     * {@code roles} array), empty for presets without client roles.
     */
    public Optional<List<String>> clientRolesClaim() {
        return Optional.ofNullable(clientRolesClaim);
    }

    /** Returns the claims that carry scopes, in the order they are tried. */
    public List<String> scopeClaims() {
        return scopeClaims;
    }
}
