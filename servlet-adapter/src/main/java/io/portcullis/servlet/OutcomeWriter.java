package io.portcullis.servlet;

import io.portcullis.AccessOutcome;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a refusal exactly as core built it: status, headers and problem document. */
final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(PortcullisFilter.class);

    private OutcomeWriter() {
    }

    /** Answers {@code response} with the refusal {@code outcome}. */
    static void write(HttpServletResponse response, AccessOutcome outcome) throws IOException {
        if (response.isCommitted()) {
            log.warn("Cannot answer {}: the response was already committed before the filter "
                    + "ran; map PortcullisFilter before the filters that write", outcome.explain());
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
