package io.portcullis.spring;

import io.portcullis.policy.RequestView;
import io.portcullis.servlet.PortcullisFilter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the policy sees of a servlet request, read by the servlet filter's own code, so that
 * annotations are checked against exactly the path and headers the filter judged.
 */
final class RequestViews {

    private RequestViews() {
    }

    static RequestView of(HttpServletRequest request) {
        return PortcullisFilter.requestView(request);
    }
}
