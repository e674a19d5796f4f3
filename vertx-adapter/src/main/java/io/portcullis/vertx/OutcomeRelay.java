package io.portcullis.vertx;

import io.portcullis.AccessOutcome;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the outcome of a check back to the request's event loop.
 *
 * <p>Core completes a check before returning, on the calling thread, when the issuer's keys are
 * cached; then the outcome is used at once, with no hop. When keys must be fetched, the check
 * completes later on the key source's thread, which must never touch the routing context
 * (Vert.x objects belong to their context's thread): the outcome is handed back to the context
 * that ran the handler, and the request is paused meanwhile so that no body is lost.
 */
final class OutcomeRelay {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRelay.class);

    private OutcomeRelay() {
    }

    /**
     * Calls {@code then} with the outcome of {@code check}, always on the request's context
     * (the current one; {@code vertx}'s when the handler was called from elsewhere).
     */
    static void relay(RoutingContext ctx, Vertx vertx, CompletionStage<AccessOutcome> check,
            BiConsumer<RoutingContext, AccessOutcome> then) {
        CompletableFuture<AccessOutcome> future = check.toCompletableFuture();
        if (future.isDone()) {
            AccessOutcome outcome;
            try {
                outcome = future.join();
            } catch (CompletionException | CancellationException e) {
                failed(ctx, e);
                return;
            }
            then.accept(ctx, outcome);
            return;
        }

        Context context = Vertx.currentContext();
        if (context == null) {
            context = vertx.getOrCreateContext();
        }
        HttpServerRequest request = ctx.request();
        boolean paused = !request.isEnded();
        if (paused) {
            request.pause();
        }
        Context home = context;
        future.whenComplete((outcome, error) -> home.runOnContext(ignored -> {
            if (paused) {
                request.resume();
            }
            if (ctx.response().ended() || ctx.response().closed()) {
                log.debug("The client left before the check of {} {} completed",
                        request.method(), ctx.normalizedPath());
                return;
            }
            if (error != null) {
                failed(ctx, error);
                return;
            }
            try {
                then.accept(ctx, outcome);
            } catch (RuntimeException e) {
                // Off the router's own call stack, nothing else would answer the request.
                failed(ctx, e);
            }
        }));
    }

    /**
     * A check never fails for anything a client sent (core turns all of that into an outcome);
     * a failure here is a fault of the server, left to the router's failure handlers.
     */
    private static void failed(RoutingContext ctx, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        log.error("The access check of {} {} failed", ctx.request().method(),
                ctx.normalizedPath(), cause);
        ctx.fail(cause);
    }
}
