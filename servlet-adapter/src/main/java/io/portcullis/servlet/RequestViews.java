package io.portcullis.servlet;

import io.portcullis.policy.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.List;

/** Turns a servlet request into what core decides on. */
final class RequestViews {

    private static final String AUTHORIZATION = "Authorization";

    private RequestViews() {
    }

    /**
     * Returns the view of {@code request}: its method, the path the container routes on (see
     * {@link ContainerPath}), every value of every header, and the query string.
     *
     * <p>With {@code formBodyToken}, each {@code access_token} of a form body is added as one
     * more {@code Authorization: Bearer} value, so core reads it under the rules of RFC 6750
     * section 2.1 and refuses, as a request with several credentials, one that also carries a
     * header or several tokens (RFC 6750 section 2: one method a request).
     *
     * <p>Limitation: core describes such a refusal in the words of the header ("The request has
     * more than one Authorization header", "The bearer token is empty"), also when the token
     * came from the form.
     */
    static RequestView of(HttpServletRequest request, boolean formBodyToken) {
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
        RequestView view = builder.build();
        if (!formBodyToken) {
            return view;
        }
        List<String> tokens = FormBodyToken.read(request, view);
        if (tokens.isEmpty()) {
            return view;
        }
        for (String token : tokens) {
            builder.header(AUTHORIZATION, "Bearer " + token);
        }
        return builder.build();
    }
}
