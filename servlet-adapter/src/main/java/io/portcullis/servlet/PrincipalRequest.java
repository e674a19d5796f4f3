package io.portcullis.servlet;

import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/** A request whose caller is the verified token's principal. */
final class PrincipalRequest extends HttpServletRequestWrapper {

    /** The authentication type reported for a bearer token (RFC 6750). */
    static final String AUTH_TYPE = "BEARER";

    private volatile TokenPrincipal principal;

    PrincipalRequest(HttpServletRequest request, TokenPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        TokenPrincipal caller = principal;
        return caller == null ? null : caller.subject();
    }

    /**
     * Answers from the token's realm roles. As Servlet 6.0 section 13.3 says, {@code "*"} is
     * never a role, and {@code "**"} is any authenticated caller.
     *
     * <p>Limitation: client roles (Keycloak {@code resource_access}) are not servlet roles; read
     * them from {@link TokenPrincipal#clientRoles(String)}.
     */
    @Override
    public boolean isUserInRole(String role) {
        TokenPrincipal caller = principal;
        if (caller == null || role == null || role.equals("*")) {
            return false;
        }
        return role.equals("**") || caller.hasRole(role);
    }

    @Override
    public String getAuthType() {
        return principal == null ? null : AUTH_TYPE;
    }

    /** Returns true: the caller was authenticated by its token before the request got here. */
    @Override
    public boolean authenticate(HttpServletResponse response)
            throws IOException, ServletException {
        return principal != null || super.authenticate(response);
    }

    /**
     * Forgets the token's caller for the rest of this request. The container's own login
     * mechanism is not asked: it did not authenticate this caller, and without one configured
     * a container may refuse to log out.
     */
    @Override
    public void logout() {
        principal = null;
    }
}
