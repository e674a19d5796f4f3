package io.portcullis.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A servlet that counts the requests reaching it and answers 200 with what the request says
 * about its caller, one {@code name=value} a line.
 */
final class Probe extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final AtomicInteger calls = new AtomicInteger();

    /** Returns how many requests reached this servlet. */
    int calls() {
        return calls.get();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        calls.incrementAndGet();
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().print(describe(request));
    }

    /** Returns the caller as the servlet API shows it. */
    static String describe(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return "principal=" + (principal == null ? null : principal.getName())
                + "\nremoteUser=" + request.getRemoteUser()
                + "\nauthType=" + request.getAuthType()
                + "\nadmin=" + request.isUserInRole("admin")
                + "\nattribute=" + request.getAttribute(PortcullisFilter.PRINCIPAL_ATTRIBUTE)
                + "\npath=" + request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo())
                + "\n";
    }
}
