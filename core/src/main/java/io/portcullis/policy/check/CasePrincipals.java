package io.portcullis.policy.check;

import io.portcullis.policy.ClaimMappingSettings;
import io.portcullis.token.TokenPrincipal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the claims of a case into a principal the way the policy's claim mapping describes,
 * so that cases are written as the issuer would write the token.
 *
 * <p>Limitation: this reads the claim mapping itself; the token validator's own mapping decides
 * in production, and the two are meant to agree on every preset.
 */
final class CasePrincipals {

    private CasePrincipals() {
    }

    static TokenPrincipal of(Map<String, Object> claims, String subject, String issuer,
            ClaimMappingSettings mapping) {
        TokenPrincipal.Builder builder = TokenPrincipal.builder(subject, issuer)
                .claims(claims)
                .roles(strings(at(claims, mapping.rolesClaim())))
                .scopes(scopes(claims, mapping.scopeClaims()))
                .audiences(strings(claims.get("aud")));
        mapping.clientRolesClaim().ifPresent(path ->
                builder.clientRoles(clientRoles(at(claims, path))));
        Object clientId = claims.containsKey("azp") ? claims.get("azp") : claims.get("client_id");
        if (clientId instanceof String) {
            builder.clientId((String) clientId);
        }
        return builder.build();
    }

    private static Object at(Map<String, Object> claims, List<String> path) {
        Object value = claims;
        for (String name : path) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<?, ?>) value).get(name);
        }
        return value;
    }

    private static Set<String> scopes(Map<String, Object> claims, List<String> scopeClaims) {
        for (String claim : scopeClaims) {
            Object value = claims.get(claim);
            if (value instanceof String) {
                Set<String> scopes = new LinkedHashSet<>();
                for (String scope : ((String) value).split(" ")) {
                    if (!scope.isEmpty()) {
                        scopes.add(scope);
                    }
                }
                return scopes;
            }
            if (value instanceof Collection) {
                return strings(value);
            }
        }
        return Set.of();
    }

    private static Map<String, Set<String>> clientRoles(Object value) {
        Map<String, Set<String>> roles = new HashMap<>();
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (e.getKey() instanceof String && e.getValue() instanceof Map) {
                    Object granted = ((Map<?, ?>) e.getValue()).get("roles");
                    roles.put((String) e.getKey(), strings(granted));
                }
            }
        }
        return roles;
    }

    private static Set<String> strings(Object value) {
        Set<String> strings = new LinkedHashSet<>();
        if (value instanceof String) {
            strings.add((String) value);
        } else if (value instanceof Collection) {
            for (Object item : (Collection<?>) value) {
                if (item instanceof String) {
                    strings.add((String) item);
                }
            }
        }
        return strings;
    }
}
