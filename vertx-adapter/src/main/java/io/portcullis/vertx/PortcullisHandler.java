package io.portcullis.vertx;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.portcullis.policy.Decision;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyEngine;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.ReloadingPolicy;
import io.portcullis.token.TokenPrincipal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.UserContextInternal;
import java.util.List;
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
    private final String realm;
    private final boolean owned;

    private PortcullisHandler(Vertx vertx, Portcullis portcullis, String realm, boolean owned) {
        this.vertx = vertx;
        this.portcullis = portcullis;
        this.realm = realm;
        this.owned = owned;
    }

    /**
     * Returns a handler deciding with {@code portcullis}, which the caller keeps and closes.
     * Its challenges carry the realm {@value Portcullis#DEFAULT_REALM}; a {@code Portcullis}
     * built with another realm needs {@link #create(Vertx, Portcullis, String)}.
     */
    public static PortcullisHandler create(Vertx vertx, Portcullis portcullis) {
        return create(vertx, portcullis, Portcullis.DEFAULT_REALM);
    }

    /**
     * Returns a handler deciding with {@code portcullis}, whose route requirements answer with
     * {@code realm}: the realm {@code portcullis} was built with (null when it has none).
     */
    public static PortcullisHandler create(Vertx vertx, Portcullis portcullis, String realm) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(portcullis, "portcullis");
        return new PortcullisHandler(vertx, portcullis, realm, false);
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
                Portcullis.fromPolicy(location), Portcullis.DEFAULT_REALM, true));
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
        Objects.requireNonNull(roles, "roles");
        return requirement("any of roles " + List.of(roles),
                RequirementPolicies.anyRole(List.of(roles)));
    }

    /**
     * Returns a handler for one route that lets a request through only when its token carries
     * at least one of {@code scopes}, in addition to what the policy file asks; otherwise
     * core's 403 {@code insufficient_scope} answer naming the scopes (RFC 6750 section 3).
     */
    public Handler<RoutingContext> requireScopes(String... scopes) {
        Objects.requireNonNull(scopes, "scopes");
        return requirement("any of scopes " + List.of(scopes),
                RequirementPolicies.anyScope(List.of(scopes)));
    }

    private Handler<RoutingContext> requirement(String description, Policy policy) {
        Portcullis gate = gate(policy);
        return new RouteRequirement(description, vertx, gate, (ctx, granted) -> {
            TokenPrincipal caller = granted == null ? null : granted.principal().orElse(null);
            return caller != null
                    && policy.decide(caller, RequestViews.of(ctx.request())).allowed();
        });
    }

    /**
     * Returns a handler for one route that lets a request through only when the policy file's
     * rule named {@code rule} is the one that allowed it, so a route stays tied to the rule
     * written for it: a change of the file that lets another rule decide the route refuses it
     * (403) instead of opening it. Needs this handler to run before it on the request.
     *
     * <p>Limitation: core can only decide a request by the rule that matches its method and
     * path, so a route cannot borrow the requirements of a rule written for other paths; it
     * can only insist on the rule that matched.
     *
     * @throws IllegalArgumentException when the policy in force has no rule of that name
     */
    public Handler<RoutingContext> requirePolicy(String rule) {
        Objects.requireNonNull(rule, "rule");
        List<String> known = ruleNames(portcullis.policy());
        if (known != null && !known.contains(rule)) {
            throw new IllegalArgumentException("The policy has no rule '" + rule
                    + "'; its rules are " + known);
        }
        Portcullis gate = gate(RequirementPolicies.refuseAll());
        return new RouteRequirement("rule " + rule, vertx, gate, (ctx, granted) -> {
            if (granted == null) {
                throw new IllegalStateException("requirePolicy('" + rule + "') needs the "
                        + "PortcullisHandler to run before it on the route");
            }
            return granted.allowed() && granted.decision().flatMap(Decision::rule)
                    .filter(rule::equals).isPresent();
        });
    }

    private static List<String> ruleNames(PolicyEngine engine) {
        if (engine instanceof ReloadingPolicy) {
            return ((ReloadingPolicy) engine).current().ruleNames();
        }
        return engine instanceof Policy ? ((Policy) engine).ruleNames() : null;
    }

    /** Returns a gate with this service's validator that decides with {@code policy} alone. */
    private Portcullis gate(Policy policy) {
        return Portcullis.builder()
                .validator(portcullis.validator())
                .policy(policy)
                .realm(realm)
                .build();
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
