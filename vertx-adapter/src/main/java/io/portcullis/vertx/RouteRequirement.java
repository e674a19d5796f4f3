package io.portcullis.vertx;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.portcullis.Requirement;
import io.portcullis.policy.RequestView;
import io.portcullis.token.TokenPrincipal;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * A requirement of one route, checked after the policy file let the request through: both must
 * allow it. Core checks it ({@link Portcullis#enforce}), so the status, challenge and problem
 * document are the ones a rule of the file would get.
 */
final class RouteRequirement implements Handler<RoutingContext> {

    private final Requirement requirement;
    private final Vertx vertx;
    private final Portcullis portcullis;

    RouteRequirement(Requirement requirement, Vertx vertx, Portcullis portcullis) {
        this.requirement = requirement;
        this.vertx = vertx;
        this.portcullis = portcullis;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestView request = RequestViews.of(ctx.request());
        AccessOutcome granted = ctx.get(PortcullisHandler.OUTCOME_KEY);
        TokenPrincipal caller = granted == null ? null : granted.principal().orElse(null);
        if (caller != null) {
            answer(ctx, portcullis.enforce(requirement, caller, request));
            return;
        }
        // No caller known yet (a public rule never read the token): core reads and validates
        // it, without blocking the event loop.
        OutcomeRelay.relay(ctx, vertx, portcullis.enforceAsync(requirement, request),
                RouteRequirement::answer);
    }

    private static void answer(RoutingContext ctx, AccessOutcome outcome) {
        if (!outcome.allowed()) {
            Refusals.write(ctx, outcome);
            return;
        }
        PortcullisHandler.admit(ctx, outcome);
    }

    @Override
    public String toString() {
        return "RouteRequirement[" + requirement + "]";
    }
}
