package io.portcullis.vertx;

import io.portcullis.token.TokenPrincipal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authorization.Authorization;
import io.vertx.ext.auth.authorization.PermissionBasedAuthorization;
import io.vertx.ext.auth.authorization.RoleBasedAuthorization;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Vert.x {@link User} of a verified token, so that Vert.x's {@code AuthorizationHandler}
 * and application code can read the caller the usual Vert.x way.
 */
final class VerifiedUser {

    /** The provider id under which the token's roles and scopes are the user's authorizations. */
    static final String PROVIDER_ID = "portcullis";

    private VerifiedUser() {
    }

    /**
     * Returns a user whose principal is {@code {"sub": .., "iss": ..}} and whose attributes hold
     * the claims under {@code accessToken} (named by {@code rootClaim}, as Vert.x's own OAuth2
     * users do, so {@code user.get("scope")} reads a claim), with {@code exp} and {@code iat}.
     *
     * <p>The claims are not copied: {@code accessToken} is a {@link JsonObject} over the
     * principal's own immutable claims, and nested objects and arrays are read through Vert.x's
     * wrappers. A verified token seen again comes from the verified-token cache with the same
     * principal, so a copy would cost every request a deep walk of the claims (about a quarter
     * of the event loop's time for a hello-world route) whether or not anything reads them.
     * Security: because the claims cannot be changed ({@code put} throws {@code
     * UnsupportedOperationException}), nothing one request does to its user can reach the
     * claims that a later request with the same token is judged and served with. The rest of
     * the user (principal, attributes, authorizations) is new for every request and mutable.
     *
     * <p>Authorizations: each realm role is a {@link RoleBasedAuthorization}, each scope a
     * {@link PermissionBasedAuthorization}, and each client role a role whose resource is the
     * client id. {@code RoleBasedAuthorization.create("admin")} has no resource and therefore
     * matches the realm role {@code admin} only, never a client role of that name.
     */
    static User of(TokenPrincipal principal) {
        JsonObject subject = new JsonObject()
                .put("sub", principal.subject())
                .put("iss", principal.issuer());
        JsonObject attributes = new JsonObject()
                .put("accessToken", new JsonObject(principal.claims()))
                .put("rootClaim", "accessToken");
        if (!principal.expiresAt().equals(Instant.MAX)) {
            attributes.put("exp", principal.expiresAt().getEpochSecond());
        }
        principal.issuedAt().ifPresent(at -> attributes.put("iat", at.getEpochSecond()));

        User user = User.create(subject, attributes);
        user.authorizations().put(PROVIDER_ID, authorizations(principal));
        return user;
    }

    private static Set<Authorization> authorizations(TokenPrincipal principal) {
        Set<Authorization> granted = new HashSet<>();
        for (String role : principal.roles()) {
            granted.add(RoleBasedAuthorization.create(role));
        }
        for (Map.Entry<String, Set<String>> client : principal.clientRoles().entrySet()) {
            for (String role : client.getValue()) {
                granted.add(RoleBasedAuthorization.create(role).setResource(client.getKey()));
            }
        }
        for (String scope : principal.scopes()) {
            granted.add(PermissionBasedAuthorization.create(scope));
        }
        return granted;
    }
}
