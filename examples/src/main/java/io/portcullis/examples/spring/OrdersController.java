package io.portcullis.examples.spring;

import io.portcullis.examples.OrdersReplies;
import io.portcullis.spring.Public;
import io.portcullis.spring.RequireRoles;
import io.portcullis.spring.RequireScopes;
import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API behind the starter's filter, which has already decided every request with the
 * shared rule file. The annotations repeat what the file requires of an endpoint: they can only
 * narrow it, so where they agree with the file the answers stay those of the other services.
 * {@code GET /orders/{id}} has none, since "the owner or an admin" is a condition of the file
 * that no annotation expresses.
 */
@RestController
final class OrdersController {

    @GetMapping(path = "/health", produces = OrdersReplies.JSON)
    @Public
    String health() {
        return OrdersReplies.health(OrdersSpringApp.NAME);
    }

    @GetMapping(path = "/orders", produces = OrdersReplies.JSON)
    @RequireScopes("orders:read")
    String list(HttpServletRequest request, TokenPrincipal caller) {
        return allowed(request, caller);
    }

    @PostMapping(path = "/orders", produces = OrdersReplies.JSON)
    @RequireScopes("orders:write")
    String create(HttpServletRequest request, TokenPrincipal caller) {
        return allowed(request, caller);
    }

    @GetMapping(path = "/orders/{id}", produces = OrdersReplies.JSON)
    String read(HttpServletRequest request, TokenPrincipal caller) {
        return allowed(request, caller);
    }

    @DeleteMapping(path = "/orders/{id}", produces = OrdersReplies.JSON)
    @RequireRoles("admin")
    String delete(HttpServletRequest request, TokenPrincipal caller) {
        return allowed(request, caller);
    }

    @PostMapping(path = "/orders/{id}/refund", produces = OrdersReplies.JSON)
    @RequireRoles(client = "orders-service", value = "refund")
    String refund(HttpServletRequest request, TokenPrincipal caller) {
        return allowed(request, caller);
    }

    @GetMapping(path = "/reports", produces = OrdersReplies.JSON)
    String reports(HttpServletRequest request, TokenPrincipal caller) {
        return allowed(request, caller);
    }

    private static String allowed(HttpServletRequest request, TokenPrincipal caller) {
        return OrdersReplies.allowed(OrdersSpringApp.NAME, request.getMethod(),
                request.getRequestURI(), caller);
    }
}
