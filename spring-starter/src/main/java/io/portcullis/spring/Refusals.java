package io.portcullis.spring;

import io.portcullis.AccessOutcome;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a refusal exactly as the servlet filter does: the status, every header of the outcome
 * ({@code WWW-Authenticate}, {@code Retry-After}, {@code Content-Type}, {@code Cache-Control})
 * and the problem document.
 */
final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private Refusals() {
    }

    static void write(HttpServletResponse response, AccessOutcome outcome) throws IOException {
        if (response.isCommitted()) {
            log.warn("Cannot answer {}: the response is already committed", outcome.explain());
            return;
        }
        response.resetBuffer();
        response.setStatus(outcome.status());
        for (Map.Entry<String, String> header : outcome.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        byte[] body = outcome.body().orElse("").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
