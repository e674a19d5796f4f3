package io.portcullis.servlet;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.portcullis.policy.RequestView;
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
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet filter that lets a request reach the application only when Portcullis allows it,
 * and answers every other request itself, exactly as core decided: 400 {@code invalid_request},
 * 401 {@code invalid_token} (no error code without a token), 403 {@code insufficient_scope} or
 * 503 with {@code Retry-After}, each with its {@code WWW-Authenticate} challenge (RFC 6750
 * section 3) and a JSON problem document (RFC 9457).
 *
 * <p>An allowed request continues wrapped: {@link HttpServletRequest#getUserPrincipal()} is the
 * verified {@link TokenPrincipal}, {@link HttpServletRequest#isUserInRole(String)} answers from
 * its realm roles, {@link HttpServletRequest#getRemoteUser()} is its subject, and the principal
 * is the request attribute {@link #PRINCIPAL_ATTRIBUTE}. A request let through by a public rule
 * has no principal, whatever token it carries.
 *
 * <p>The token is read from the {@code Authorization} header only (RFC 6750 section 2.1), never
 * from the query string. A form body {@code access_token} (section 2.2) is read only when
 * enabled with {@link Builder#formBodyToken(boolean)} or the init parameter {@value
 * #FORM_BODY_TOKEN_PARAMETER}.
 *
 * <p>The policy sees the path the container routes on, inside the context: its servlet path and
 * path info, decoded and canonicalised by the container (Servlet 6.0 section 3.5.2), so a rule
 * for {@code /admin} in a context at {@code /shop} protects {@code /shop/admin} however the
 * request spells it ({@code /%73hop/%61dmin}, {@code /shop/orders/../admin}). A request whose
 * path the container cannot state is answered 400.
 *
 * <p>Dispatches: map the filter to {@code REQUEST} and {@code ASYNC}, with async support. The
 * first dispatch of a request that reaches this filter is decided; every later dispatch of the
 * same request ({@code ASYNC} after {@code startAsync}, and {@code FORWARD}, {@code INCLUDE} or
 * {@code ERROR} where mapped) reuses that outcome without validating the token again: an
 * allowed request goes on, wrapped with its principal again, and a refused one stops there, its
 * answer already written. Forwards and includes the application makes are its own decisions
 * and are not checked again, as the container's security constraints are not.
 *
 * <p>Limitation: the filter decides on the request thread and blocks it while an issuer's keys
 * are fetched (the first request, an unknown key id); the key cache and its refresh-ahead make
 * that rare, and the fetch is bounded by the key source's timeouts.
 *
 * <p>Logs: a refused request is logged by core at {@code debug} (logger {@code
 * io.portcullis.Portcullis}: status, reason, rule and caller, never the token); the filter adds
 * no second line. It logs at {@code info} once when it starts, and at {@code warn} when a
 * refusal cannot be written because the response was already committed.
 *
 * <p>Built in code with a {@link Portcullis}, or by the container (for example from
 * {@code web.xml}) with the init parameter {@value #POLICY_PARAMETER} naming a policy file that
 * also names the trusted issuers, and optionally {@value #REALM_PARAMETER}.
 */
public final class PortcullisFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(PortcullisFilter.class);
    private static final AtomicLong INSTANCES = new AtomicLong();

    /** The request attribute holding the verified {@link TokenPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = TokenPrincipal.class.getName();
    /** The init parameter naming the policy file: {@code classpath:...}, a path or a URL. */
    public static final String POLICY_PARAMETER = "policy";
    /** The init parameter setting the {@code realm} of challenges (default {@code portcullis}). */
    public static final String REALM_PARAMETER = "realm";
    /** The init parameter that, set to {@code true}, accepts form-body tokens. */
    public static final String FORM_BODY_TOKEN_PARAMETER = "formBodyToken";

    /** The request attribute of this instance that holds the verdict on the first dispatch. */
    private final String outcomeAttribute = PortcullisFilter.class.getName() + ".outcome."
            + INSTANCES.incrementAndGet();

    private Portcullis portcullis;
    private boolean owned;
    private boolean formBodyToken;

    /** Creates a filter that the container configures from its init parameters. */
    public PortcullisFilter() {
    }

    /** Creates a filter deciding with {@code portcullis}, which the caller keeps and closes. */
    public PortcullisFilter(Portcullis portcullis) {
        this.portcullis = Objects.requireNonNull(portcullis, "portcullis");
    }

    private PortcullisFilter(Builder builder) {
        this(builder.portcullis);
        this.formBodyToken = builder.formBodyToken;
    }

    /** Starts a filter deciding with {@code portcullis}, which the caller keeps and closes. */
    public static Builder builder(Portcullis portcullis) {
        return new Builder(portcullis);
    }

    /**
     * Reads the init parameters; fails, naming the parameter or the policy file and line, when
     * they are wrong or the policy cannot be loaded.
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        InitParameters parameters = new InitParameters(config);
        // Every other parameter is checked before a Portcullis is made that a failure would leak.
        boolean acceptFormBodyToken = parameters.formBodyToken(formBodyToken);
        if (portcullis == null) {
            portcullis = parameters.portcullis();
            owned = true;
        } else {
            parameters.refuseGateParameters();
        }
        formBodyToken = acceptFormBodyToken;
        String policy = config.getInitParameter(POLICY_PARAMETER);
        log.info("PortcullisFilter '{}' guards context '{}' with {}; form-body tokens {}",
                config.getFilterName(), config.getServletContext().getContextPath(),
                policy == null ? "the Portcullis given in code" : "the policy " + policy.trim(),
                formBodyToken ? "accepted" : "ignored");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse answer)) {
            throw new ServletException("PortcullisFilter guards HTTP requests only");
        }
        if (portcullis == null) {
            throw new ServletException("PortcullisFilter was not initialised");
        }
        if (http.getAttribute(outcomeAttribute) instanceof Verdict earlier) {
            // A later dispatch of a request this filter already decided: never validate twice,
            // never answer twice.
            if (earlier.allowed()) {
                proceed(earlier.principal(), http, answer, chain);
            }
            return;
        }
        AccessOutcome outcome = portcullis.check(RequestViews.of(http, formBodyToken));
        TokenPrincipal principal = outcome.principal().orElse(null);
        // Only the verdict is kept: the outcome holds the request view, headers and all.
        http.setAttribute(outcomeAttribute, new Verdict(outcome.allowed(), principal));
        if (!outcome.allowed()) {
            OutcomeWriter.write(answer, outcome);
            return;
        }
        if (principal == null) {
            http.removeAttribute(PRINCIPAL_ATTRIBUTE);
        }
        proceed(principal, http, answer, chain);
    }

    /** Closes the Portcullis that the filter made from its init parameters. */
    /**
     * Returns what the policy sees of {@code request}, read exactly as this filter reads it:
     * the path the container routes on (inside the context, encoded again so that nothing is
     * decoded twice), the headers and the query string. For code beside the filter that asks
     * Portcullis about the same request, such as endpoint annotations.
     */
    public static RequestView requestView(HttpServletRequest request) {
        return RequestViews.of(Objects.requireNonNull(request, "request"), false);
    }

    @Override
    public void destroy() {
        if (owned && portcullis != null) {
            portcullis.close();
        }
    }

    private static void proceed(TokenPrincipal principal, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
        chain.doFilter(new PrincipalRequest(request, principal), response);
    }

    /** What the first dispatch of a request came to: allowed or not, and the caller if known. */
    private record Verdict(boolean allowed, TokenPrincipal principal) {
    }

    /** Builds a {@link PortcullisFilter} around a {@link Portcullis} the caller keeps. */
    public static final class Builder {
        private final Portcullis portcullis;
        private boolean formBodyToken;

        private Builder(Portcullis portcullis) {
            this.portcullis = Objects.requireNonNull(portcullis, "portcullis");
        }

        /**
         * Accepts an {@code access_token} in the body of a form {@code POST} (RFC 6750 section
         * 2.2); off by default. A request that also has an {@code Authorization} header, or
         * several such parameters, is refused with 400 {@code invalid_request}. The init
         * parameter {@value PortcullisFilter#FORM_BODY_TOKEN_PARAMETER}, when given, overrides
         * this.
         */
        public Builder formBodyToken(boolean accepted) {
            this.formBodyToken = accepted;
            return this;
        }

        public PortcullisFilter build() {
            return new PortcullisFilter(this);
        }
    }
}
