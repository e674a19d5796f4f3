package io.portcullis.servlet;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet filter that lets a request reach the application only when Portcullis allows it,
 * and answers every other request itself (400, 401, 403 or 503, with a {@code WWW-Authenticate}
 * challenge and a JSON problem document).
 *
 * <p>An allowed request continues wrapped: {@link HttpServletRequest#getUserPrincipal()} is the
 * verified {@link TokenPrincipal}, {@link HttpServletRequest#isUserInRole(String)} answers from
 * its realm roles, {@link HttpServletRequest#getRemoteUser()} is its subject, and the principal
 * is the request attribute {@link #PRINCIPAL_ATTRIBUTE}.
 *
 * <p>The policy sees the path the container routes on, inside the context: its servlet path and
 * path info, decoded and canonicalised by the container (Servlet 6.0 section 3.5.2), so a rule
 * for {@code /admin} in a context at {@code /shop} protects {@code /shop/admin} however the
 * request spells it ({@code /%73hop/%61dmin}, {@code /shop/orders/../admin}). A request whose
 * path the container cannot state is answered 400.
 *
 * <p>Built in code with a {@link Portcullis}, or by the container (for example from
 * {@code web.xml}) with the init parameter {@value #POLICY_PARAMETER} naming a policy file that
 * also names the trusted issuers.
 */
public final class PortcullisFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(PortcullisFilter.class);

    /** The request attribute holding the verified {@link TokenPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = TokenPrincipal.class.getName();
    /** The init parameter naming the policy file: {@code classpath:...}, a path or a URL. */
    public static final String POLICY_PARAMETER = "policy";

    private Portcullis portcullis;
    private boolean owned;

    /** Creates a filter that the container configures from its init parameters. */
    public PortcullisFilter() {
    }

    /** Creates a filter deciding with {@code portcullis}, which the caller keeps and closes. */
    public PortcullisFilter(Portcullis portcullis) {
        this.portcullis = Objects.requireNonNull(portcullis, "portcullis");
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (portcullis != null) {
            return;
        }
        String location = config.getInitParameter(POLICY_PARAMETER);
        if (location == null || location.isBlank()) {
            throw new ServletException("PortcullisFilter needs the init parameter '"
                    + POLICY_PARAMETER + "' naming a policy file, or a Portcullis instance");
        }
        try {
            portcullis = Portcullis.fromPolicy(location.trim());
            owned = true;
        } catch (PolicyLoadException e) {
            throw new ServletException("Policy " + location + " cannot be loaded: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest)
                || !(response instanceof HttpServletResponse)) {
            throw new ServletException("PortcullisFilter guards HTTP requests only");
        }
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;

        AccessOutcome outcome = portcullis.check(RequestViews.of(http));
        if (!outcome.allowed()) {
            refuse(answer, outcome);
            return;
        }
        TokenPrincipal principal = outcome.principal().orElse(null);
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        http.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        chain.doFilter(new PrincipalRequest(http, principal), response);
    }

    @Override
    public void destroy() {
        if (owned) {
            portcullis.close();
        }
    }

    private static void refuse(HttpServletResponse response, AccessOutcome outcome)
            throws IOException {
        if (response.isCommitted()) {
            log.warn("Cannot answer {}: the response is already committed", outcome.explain());
            return;
        }
        response.resetBuffer();
        response.setStatus(outcome.status());
        for (Map.Entry<String, String> header : outcome.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        byte[] body = outcome.body().orElse("").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
