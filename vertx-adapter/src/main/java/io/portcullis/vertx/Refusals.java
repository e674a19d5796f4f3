package io.portcullis.vertx;

import io.portcullis.AccessOutcome;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a refusal exactly as core built it: status, headers and problem document. */
final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private Refusals() {
    }

    static void write(RoutingContext ctx, AccessOutcome outcome) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            log.warn("Cannot answer {}: the response has already started", outcome.explain());
            return;
        }
        response.setStatusCode(outcome.status());
        for (Map.Entry<String, String> header : outcome.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        response.end(outcome.body().orElse(""));
    }
}
