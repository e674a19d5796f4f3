package io.portcullis.servlet;

import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** A request whose caller is the verified token's principal. */
final class PrincipalRequest extends HttpServletRequestWrapper {

    private final TokenPrincipal principal;

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
        return principal.subject();
    }

    /** Answers from the token's realm roles. */
    @Override
    public boolean isUserInRole(String role) {
        return role != null && principal.hasRole(role);
    }

    @Override
    public String getAuthType() {
        return "BEARER";
    }
}
