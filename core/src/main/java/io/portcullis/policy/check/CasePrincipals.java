package io.portcullis.policy.check;

import io.portcullis.policy.ClaimMappingSettings;
import io.portcullis.token.ClaimMapping;
import io.portcullis.token.TokenPrincipal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns the claims of a case into a principal with the claim mapping the token validator uses
 * for the policy's issuer, so that cases are written as the issuer would write the token.
 */
final class CasePrincipals {

    private CasePrincipals() {
    }

    static TokenPrincipal of(Map<String, Object> claims, String subject, String issuer,
            ClaimMappingSettings settings) {
        ClaimMapping mapping = settings.toClaimMapping();
        TokenPrincipal.Builder builder = TokenPrincipal.builder(subject, issuer)
                .claims(claims)
                .roles(mapping.roles(claims))
                .clientRoles(mapping.clientRoles(claims))
                .scopes(mapping.scopes(claims))
                .audiences(audiences(claims.get("aud")));
        Object clientId = claims.containsKey("azp") ? claims.get("azp") : claims.get("client_id");
        if (clientId instanceof String) {
            builder.clientId((String) clientId);
        }
        return builder.build();
    }

    private static Set<String> audiences(Object aud) {
        Set<String> audiences = new LinkedHashSet<>();
        if (aud instanceof String) {
            audiences.add((String) aud);
        } else if (aud instanceof Collection) {
            for (Object item : (Collection<?>) aud) {
                if (item instanceof String) {
                    audiences.add((String) item);
                }
            }
        }
        return audiences;
    }
}
