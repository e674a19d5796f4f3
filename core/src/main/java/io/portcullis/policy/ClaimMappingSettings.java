package io.portcullis.policy;

import io.portcullis.token.ClaimMapping;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which claims of an issuer's tokens carry roles, client roles and scopes: a {@link RolePreset}
 * with any paths the policy file's {@code claimMapping} overrides. A claim path lists one claim
 * name per level ({@code [realm_access, roles]}), so claim names containing dots, such as
 * {@code https://example.com/roles}, need no escaping.
 *
 * @param preset the preset the issuer names
 * @param client the client whose client roles the service looks at (Keycloak's
 *     {@code resource_access.<client>}), empty when not configured
 * @param rolesClaim the path of the array of realm-wide roles
 * @param clientRolesClaim the path of the object of client roles by client id, empty for none
 * @param scopeClaims the claims that carry scopes, tried in order: a space-separated string
 *     ({@code scope}, RFC 8693 section 4.2) or an array ({@code scp})
 */
public record ClaimMappingSettings(
        RolePreset preset,
        Optional<String> client,
        List<String> rolesClaim,
        Optional<List<String>> clientRolesClaim,
        List<String> scopeClaims) {

    /** Checks and copies the components. */
    public ClaimMappingSettings {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(client, "client");
        rolesClaim = List.copyOf(Objects.requireNonNull(rolesClaim, "rolesClaim"));
        clientRolesClaim = Objects.requireNonNull(clientRolesClaim, "clientRolesClaim")
                .map(List::copyOf);
        scopeClaims = List.copyOf(Objects.requireNonNull(scopeClaims, "scopeClaims"));
    }

    /** Returns the claim mapping the token validator applies for these settings. */
    public ClaimMapping toClaimMapping() {
        return ClaimMapping.of(rolesClaim, clientRolesClaim, scopeClaims);
    }

    /** Returns the mapping of {@code preset} with nothing overridden. */
    public static ClaimMappingSettings of(RolePreset preset, Optional<String> client) {
        return new ClaimMappingSettings(preset, client, preset.rolesClaim(),
                preset.clientRolesClaim(), preset.scopeClaims());
    }
}
