package io.portcullis.vertx;

import io.portcullis.policy.RequestView;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/** Turns a Vert.x request into what the policy sees of it. */
final class RequestViews {

    private RequestViews() {
    }

    /**
     * Returns the method, the path as received, every header and the query string.
     *
     * <p>The path is {@link HttpServerRequest#path()}: the request target up to {@code ?}, not
     * decoded and not normalised (the router matches routes on its own normalised copy,
     * {@code RoutingContext.normalizedPath()}). Core's normaliser therefore sees every trick
     * the client wrote, {@code ..}, {@code %2e}, {@code ;} or {@code //}, and reaches the same
     * path the router did, or refuses one it cannot read safely. The path of a request that a
     * sub-router handles still carries the mount point: rules are written for whole paths.
     */
    static RequestView of(HttpServerRequest request) {
        String path = request.path();
        // A missing path is refused by the normaliser (it must start with '/'), never thrown.
        RequestView.Builder view = RequestView.builder(request.method().name(),
                path == null ? "" : path);
        for (Map.Entry<String, String> header : request.headers()) {
            view.header(header.getKey(), header.getValue());
        }
        return view.queryString(request.query()).build();
    }
}
