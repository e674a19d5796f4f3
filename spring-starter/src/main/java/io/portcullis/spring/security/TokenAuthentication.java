package io.portcullis.spring.security;

import io.portcullis.token.TokenPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The verified caller as Spring Security sees it: the principal is the {@link TokenPrincipal}
 * (so {@code @AuthenticationPrincipal TokenPrincipal caller} works), the name its subject, and
 * the authorities its realm-wide roles as {@code ROLE_<role>} and its scopes as
 * {@code SCOPE_<scope>} (so {@code hasRole('admin')} and {@code hasAuthority('SCOPE_orders:read')}
 * work in {@code @PreAuthorize}). The token itself is not kept.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient TokenPrincipal principal;

    /** Creates the authentication of a caller Portcullis has verified. */
    public TokenAuthentication(TokenPrincipal principal) {
        super(authorities(Objects.requireNonNull(principal, "principal")));
        this.principal = principal;
        setAuthenticated(true);
    }

    /** Returns {@code ROLE_} for each realm-wide role and {@code SCOPE_} for each scope. */
    static List<GrantedAuthority> authorities(TokenPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : principal.roles()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
        for (String scope : principal.scopes()) {
            authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
        }
        return authorities;
    }

    @Override
    public TokenPrincipal getPrincipal() {
        return principal;
    }

    /** Returns nothing: the token was verified and is not kept. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principal.subject();
    }
}
