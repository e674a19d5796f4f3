package io.portcullis.examples;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.token.TokenPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the example services answer to a request the policy allowed: 200 and a small JSON body
 * naming the service, the request and the caller. The services hold no orders; the demo is
 * about who gets through, so this is the same for every kind of service.
 */
public final class OrdersReplies {

    /** The content type of every answer. */
    public static final String JSON = "application/json";

    private OrdersReplies() {
    }

    /**
     * Returns the body for an allowed request: {@code {"service": .., "request": "GET /orders",
     * "caller": ..}}, the caller being its {@code preferred_username}, else its subject, else
     * absent on a public route.
     */
    public static String allowed(String service, String method, String path,
            TokenPrincipal caller) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("request", method + " " + path);
        if (caller != null) {
            Object name = caller.claim("preferred_username").orElse(null);
            body.put("caller", name instanceof String ? name : caller.subject());
        }
        return JSONObjectUtils.toJSONString(body);
    }

    /** Returns the body of {@code GET /health}. */
    public static String health(String service) {
        Objects.requireNonNull(service, "service");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("status", "UP");
        return JSONObjectUtils.toJSONString(body);
    }
}
