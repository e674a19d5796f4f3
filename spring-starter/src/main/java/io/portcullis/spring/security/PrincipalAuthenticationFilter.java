package io.portcullis.spring.security;

import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the caller Portcullis verified into the {@link SecurityContext} of the request, as a
 * {@link TokenAuthentication}. It authenticates nobody itself: it only carries over what the
 * Portcullis filter, which runs before Spring Security's chain, found in the token. Nothing is
 * saved in a session.
 */
final class PrincipalAuthenticationFilter extends OncePerRequestFilter {

    private final SecurityContextHolderStrategy strategy;

    PrincipalAuthenticationFilter(SecurityContextHolderStrategy strategy) {
        this.strategy = strategy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        expose(request, strategy);
        chain.doFilter(request, response);
    }

    /** Sets the request's verified caller as the authentication, unless one is already set. */
    static void expose(HttpServletRequest request, SecurityContextHolderStrategy strategy) {
        Object principal = request.getAttribute(PortcullisFilter.PRINCIPAL_ATTRIBUTE);
        if (!(principal instanceof TokenPrincipal)) {
            return;
        }
        Authentication current = strategy.getContext().getAuthentication();
        if (current != null && !(current instanceof AnonymousAuthenticationToken)) {
            return;
        }
        SecurityContext context = strategy.createEmptyContext();
        context.setAuthentication(new TokenAuthentication((TokenPrincipal) principal));
        strategy.setContext(context);
    }
}
