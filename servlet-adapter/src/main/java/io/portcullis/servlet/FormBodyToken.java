package io.portcullis.servlet;

import io.portcullis.policy.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads access tokens sent in a form body (RFC 6750 section 2.2), for filters that accept them.
 *
 * <p>Only a {@code POST} whose content type is {@code application/x-www-form-urlencoded} is
 * read; a {@code GET} must not carry the token in its body (section 2.2), and a query string is
 * never read (section 2.3 tokens end up in access logs). The body is read through the
 * container's parameter parsing, so the application still sees every parameter.
 *
 * <p>Limitation: once the filter has parsed the form of a {@code POST}, the application can no
 * longer read that body raw through {@code getInputStream()}; this holds for every form
 * {@code POST}, public routes included, because the token is read before the policy is asked.
 */
final class FormBodyToken {

    /** The form parameter RFC 6750 section 2.2 names. */
    static final String PARAMETER = "access_token";

    private static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

    private FormBodyToken() {
    }

    /**
     * Returns every {@code access_token} value of the form body, in order; empty for a request
     * that is not a form {@code POST}, has none, or whose body cannot be parsed.
     *
     * @param query the request's query parameters, decoded as core decodes them
     */
    static List<String> read(HttpServletRequest request, RequestView query) {
        if (!"POST".equalsIgnoreCase(request.getMethod()) || !isForm(request.getContentType())) {
            return List.of();
        }
        String[] values;
        try {
            values = request.getParameterValues(PARAMETER);
        } catch (RuntimeException e) {
            // A body the container cannot parse carries no token this filter accepts.
            return List.of();
        }
        if (values == null) {
            return List.of();
        }
        return fromBody(Arrays.asList(values), query.queryParameterValues(PARAMETER));
    }

    /**
     * Returns the values the body added: the Servlet specification (section 3.1) lists query
     * values before body values. Security: when the container's first values are not exactly
     * the query's own, the two cannot be told apart, and no value is taken rather than one that
     * may have come from the query string.
     */
    static List<String> fromBody(List<String> all, List<String> fromQuery) {
        if (all.size() < fromQuery.size() || !all.subList(0, fromQuery.size()).equals(fromQuery)) {
            return List.of();
        }
        return List.copyOf(all.subList(fromQuery.size(), all.size()));
    }

    /** Returns if {@code contentType} is the form media type, whatever its parameters. */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT).equals(FORM_MEDIA_TYPE);
    }
}
