package io.portcullis.examples.demo;

import java.util.List;

/**
 * The walk: requests of every kind of caller to the orders API, each with the answer the shared
 * rule file must give. The order {@code writer-1001} belongs to the user {@code writer}.
 */
final class Script {

    /** An order of the user writer, by the rule file's naming. */
    static final String ORDER = "/orders/writer-1001";

    static final List<Step> WALK = List.of(
            Step.of("no token", Caller.NOBODY, "GET /health", 200, "ok"),
            Step.of("no token", Caller.NOBODY, "GET /orders", 401, "missing_token"),
            Step.of("malformed header", Caller.MALFORMED_HEADER, "GET /orders", 400,
                    "invalid_request"),
            Step.of("reader", Caller.READER, "GET /orders", 200, "ok"),
            Step.of("reader", Caller.READER, "POST /orders", 403, "scopes"),
            Step.of("writer", Caller.WRITER, "POST /orders", 200, "ok"),
            Step.of("service account", Caller.SERVICE_ACCOUNT, "POST /orders", 200, "ok"),
            Step.of("writer (owner)", Caller.WRITER, "GET " + ORDER, 200, "ok"),
            Step.of("reader (not owner)", Caller.READER, "GET " + ORDER, 403, "condition"),
            Step.of("admin", Caller.ADMIN, "GET " + ORDER, 200, "ok"),
            Step.of("writer (owner)", Caller.WRITER, "DELETE " + ORDER, 403, "roles"),
            Step.of("admin", Caller.ADMIN, "DELETE " + ORDER, 200, "ok"),
            Step.of("refunder", Caller.REFUNDER, "POST " + ORDER + "/refund", 200, "ok"),
            Step.of("admin", Caller.ADMIN, "POST " + ORDER + "/refund", 403, "client_roles"),
            Step.of("writer (sales)", Caller.WRITER, "GET /reports", 200, "ok"),
            Step.of("other (engineering)", Caller.OTHER, "GET /reports", 403, "condition"),
            Step.of("admin", Caller.ADMIN, "GET /admin", 403, "unmatched"),
            Step.of("expired token", Caller.EXPIRED, "GET /orders", 401, "expired"),
            Step.of("tampered token", Caller.TAMPERED, "DELETE " + ORDER, 401, "signature"),
            Step.of("staging token", Caller.STAGING, "GET /orders", 401, "issuer"),
            Step.of("ID token", Caller.ID_TOKEN, "GET /orders", 401, "type"));

    private Script() {
    }
}
