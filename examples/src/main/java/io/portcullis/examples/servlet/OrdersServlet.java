package io.portcullis.examples.servlet;

import io.portcullis.examples.OrdersReplies;
import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The application behind the filter: it only sees requests the policy allowed, and answers each
 * with 200 and {@link OrdersReplies}. No access decision is made here.
 */
final class OrdersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String service;

    OrdersServlet(String service) {
        this.service = service;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = request.getRequestURI();
        String body;
        if (request.getMethod().equals("GET") && path.equals("/health")) {
            body = OrdersReplies.health(service);
        } else {
            TokenPrincipal caller = request.getUserPrincipal() instanceof TokenPrincipal p
                    ? p : null;
            body = OrdersReplies.allowed(service, request.getMethod(), path, caller);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(OrdersReplies.JSON);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
