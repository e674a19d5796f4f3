package io.portcullis.vertx;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiPredicate;

/**
 * A requirement of one route, checked after the policy file let the request through: both must
 * allow it. A request the requirement refuses is answered by core, through a gate that shares
 * the service's token validator and decides with the requirement alone, so the status,
 * challenge and problem document are the ones a rule of the file would get.
 */
final class RouteRequirement implements Handler<RoutingContext> {

    private final String description;
    private final Vertx vertx;
    private final Portcullis gate;
    private final BiPredicate<RoutingContext, AccessOutcome> met;

    /**
     * @param gate decides the requirement alone and builds its refusals
     * @param met whether the outcome of the policy file already shows the requirement is met;
     *     given null when no {@link PortcullisHandler} ran before on this request
     */
    RouteRequirement(String description, Vertx vertx, Portcullis gate,
            BiPredicate<RoutingContext, AccessOutcome> met) {
        this.description = description;
        this.vertx = vertx;
        this.gate = gate;
        this.met = met;
    }

    @Override
    public void handle(RoutingContext ctx) {
        AccessOutcome granted = ctx.get(PortcullisHandler.OUTCOME_KEY);
        if (met.test(ctx, granted)) {
            ctx.next();
            return;
        }
        // Not met, or not known yet (a public rule never looked at the token): core decides.
        OutcomeRelay.relay(ctx, vertx, gate.checkAsync(RequestViews.of(ctx.request())),
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
        return "RouteRequirement[" + description + "]";
    }
}
