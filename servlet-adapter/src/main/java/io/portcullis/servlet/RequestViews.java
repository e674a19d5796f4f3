package io.portcullis.servlet;

import io.portcullis.policy.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/** Turns a servlet request into what core decides on. */
final class RequestViews {

    private RequestViews() {
    }

    /**
     * Returns the view of {@code request}: its method, the path the container routes on (see
     * {@link ContainerPath}), every value of every header, and the query string.
     */
    static RequestView of(HttpServletRequest request) {
        RequestView.Builder builder = RequestView.builder(request.getMethod(),
                ContainerPath.of(request));
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name);
                    values.hasMoreElements();) {
                builder.header(name, values.nextElement());
            }
        }
        builder.queryString(request.getQueryString());
        return builder.build();
    }
}
