package io.portcullis.vertx;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.portcullis.Requirement;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.token.TokenPrincipal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.UserContextInternal;
import java.util.Objects;
import java.util.Optional;

/**
 * A Vert.x Web handler that lets a request reach the application only when Portcullis allows
 * it, and answers every other request itself (400, 401, 403 or 503, with a {@code
 * WWW-Authenticate} challenge and a JSON problem document, exactly as core builds them).
 *
 * <pre>{@code
 * PortcullisHandler portcullis = PortcullisHandler.create(vertx, gate);
 * router.route().handler(portcullis);                          // the policy file, by path
 * router.delete("/orders/:id").handler(portcullis.requireRoles("admin")).handler(...);
 * }</pre>
 *
 * <p>The event loop is never blocked: while the issuer's keys are cached, a request is decided
 * on the event loop within this call; when keys must be fetched, the fetch runs on the key
 * source's threads and the request continues on its own context once it is done.
 *
 * <p>An allowed request with a verified token goes on with {@link RoutingContext#user()} set:
 * principal {@code {"sub", "iss"}}, the claims in its attributes under {@code accessToken},
 * each realm role a {@code RoleBasedAuthorization}, each scope a {@code
 * PermissionBasedAuthorization} (each client role a role whose resource is the client id), so
 * Vert.x's {@code AuthorizationHandler} works downstream. The {@link TokenPrincipal} itself is
 * {@link #principal(RoutingContext)}.
 */
public final class PortcullisHandler implements Handler<RoutingContext>, AutoCloseable {

    /** The routing context key of the verified {@link TokenPrincipal}. */
    public static final String PRINCIPAL_KEY = TokenPrincipal.class.getName();
    /** The routing context key of the policy file's {@link AccessOutcome} for the request. */
    public static final String OUTCOME_KEY = AccessOutcome.class.getName();

    private final Vertx vertx;
    private final Portcullis portcullis;
    private final boolean owned;

    private PortcullisHandler(Vertx vertx, Portcullis portcullis, boolean owned) {
        this.vertx = vertx;
        this.portcullis = portcullis;
        this.owned = owned;
    }

    /** Returns a handler deciding with {@code portcullis}, which the caller keeps and closes. */
    public static PortcullisHandler create(Vertx vertx, Portcullis portcullis) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(portcullis, "portcullis");
        return new PortcullisHandler(vertx, portcullis, false);
    }

    /**
     * Loads a policy file that also names the trusted issuers ({@link
     * Portcullis#fromPolicy(String)}) on a worker thread, since loading reads a file or fetches
     * a URL. The future fails with {@link PolicyLoadException} when the file is broken; the
     * handler owns what it loaded, so {@link #close()} releases it.
     *
     * @param location {@code classpath:...}, a file path, or an {@code https://} URL
     */
    public static Future<PortcullisHandler> fromPolicy(Vertx vertx, String location) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(location, "location");
        return vertx.executeBlocking(() -> new PortcullisHandler(vertx,
                Portcullis.fromPolicy(location), true));
    }

    /** Returns the verified caller of an allowed request, empty without a token. */
    public static Optional<TokenPrincipal> principal(RoutingContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        Object principal = ctx.get(PRINCIPAL_KEY);
        return principal instanceof TokenPrincipal
                ? Optional.of((TokenPrincipal) principal) : Optional.empty();
    }

    @Override
    public void handle(RoutingContext ctx) {
        OutcomeRelay.relay(ctx, vertx, portcullis.checkAsync(RequestViews.of(ctx.request())),
                PortcullisHandler::answer);
    }

    private static void answer(RoutingContext ctx, AccessOutcome outcome) {
        ctx.put(OUTCOME_KEY, outcome);
        if (!outcome.allowed()) {
            Refusals.write(ctx, outcome);
            return;
        }
        admit(ctx, outcome);
    }

    /** Lets an allowed request go on, as its verified caller when it has one. */
    static void admit(RoutingContext ctx, AccessOutcome outcome) {
        Optional<TokenPrincipal> principal = outcome.principal();
        if (principal.isPresent()) {
            ctx.put(PRINCIPAL_KEY, principal.get());
            setUser(ctx, VerifiedUser.of(principal.get()));
        }
        ctx.next();
    }

    /**
     * Limitation: Vert.x 5 has no public way to set the routing context's user; this uses the
     * {@code UserContextInternal} interface through which Vert.x's own authentication handlers
     * set it, so a Vert.x upgrade may need a change here. The token's user replaces one that a
     * session or an earlier handler put there, so that application code and Vert.x's
     * authorization handlers see the caller the policy judged.
     */
    private static void setUser(RoutingContext ctx, User user) {
        ((UserContextInternal) ctx.userContext()).setUser(user);
    }

    /**
     * Returns a handler for one route that lets a request through only when its verified
     * caller has at least one of {@code roles} (realm roles, like the file's {@code roles:
     * {anyOf: [...]}}), in addition to what the policy file asks; otherwise core's 403
     * {@code insufficient_scope} answer (401 without a token).
     */
    public Handler<RoutingContext> requireRoles(String... roles) {
        return requirement(Requirement.anyRole(roles));
    }

    /**
     * Returns a handler for one route that lets a request through only when its token carries
     * at least one of {@code scopes}, in addition to what the policy file asks; otherwise
     * core's 403 {@code insufficient_scope} answer naming the scopes (RFC 6750 section 3).
     */
    public Handler<RoutingContext> requireScopes(String... scopes) {
        return requirement(Requirement.anyScope(scopes));
    }

    /**
     * Returns a handler for one route that lets a request through only when the policy file's
     * rule named {@code rule} allows it, whatever paths that rule is written for, in addition
     * to the rule that matched the route; so a route can share the requirements of a rule.
     *
     * @throws IllegalArgumentException when the policy in force has no rule of that name
     */
    public Handler<RoutingContext> requirePolicy(String rule) {
        Objects.requireNonNull(rule, "rule");
        if (!portcullis.policy().hasRule(rule)) {
            throw new IllegalArgumentException("The policy has no rule '" + rule + "'");
        }
        return requirement(Requirement.rule(rule));
    }

    /**
     * Returns a handler for one route that lets a request through only when {@code
     * requirement} is met, answered by core exactly as a rule of the policy file would be.
     */
    public Handler<RoutingContext> requirement(Requirement requirement) {
        Objects.requireNonNull(requirement, "requirement");
        return new RouteRequirement(requirement, vertx, portcullis);
    }

    /** Returns the Vert.x instance this handler was made for. */
    public Vertx vertx() {
        return vertx;
    }

    /** Returns the gate this handler decides with. */
    public Portcullis portcullis() {
        return portcullis;
    }

    /** Closes the {@link Portcullis} when {@link #fromPolicy} loaded it; otherwise nothing. */
    @Override
    public void close() {
        if (owned) {
            portcullis.close();
        }
    }
}
