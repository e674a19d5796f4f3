package io.portcullis.spring;

import io.portcullis.policy.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;

/**
 * What the policy sees of a servlet request, read exactly as the servlet filter reads it: the
 * path as received without the context path (still encoded, since core normalises it), the
 * headers and the query string.
 */
final class RequestViews {

    private RequestViews() {
    }

    static RequestView of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context)
                ? uri.substring(context.length()) : uri;
        RequestView.Builder view = RequestView.builder(request.getMethod(),
                path.isEmpty() ? "/" : path);
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            for (String value : Collections.list(request.getHeaders(name))) {
                view.header(name, value);
            }
        }
        if (request.getQueryString() != null) {
            view.queryString(request.getQueryString());
        }
        return view.build();
    }
}
