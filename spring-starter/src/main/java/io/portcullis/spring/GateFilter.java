package io.portcullis.spring;

import io.portcullis.servlet.PortcullisFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the servlet adapter's {@link PortcullisFilter} unchanged and tells the
 * {@link DecisionListener}s what it answered.
 *
 * <p>A request the filter lets through continues with the original response, so nothing the
 * application writes is observed. A refusal is written by the filter into a wrapper that keeps
 * the status and the small problem document, then passes both on.
 *
 * <p>Limitation: the filter does not hand its outcome to callers, so the reason code of a
 * refusal is read back from the {@code reason} member of the problem document it wrote.
 */
final class GateFilter implements Filter {

    /** Reason codes are short lower-case words; anything else is not trusted as a tag. */
    private static final Pattern REASON = Pattern.compile("\"reason\":\"([a-z_]{1,40})\"");
    private static final int MAX_OBSERVED_BODY = 4096; // bytes; refusals are far smaller

    private final PortcullisFilter filter;
    private final DecisionListeners listeners;

    GateFilter(PortcullisFilter filter, DecisionListeners listeners) {
        this.filter = filter;
        this.listeners = listeners;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse)) {
            filter.doFilter(request, response, chain);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        Observed observed = new Observed(http);
        boolean[] passed = new boolean[1];
        filter.doFilter(request, observed, (allowedRequest, ignored) -> {
            passed[0] = true;
            listeners.decided(DecisionListener.Stage.FILTER, 200, "ok");
            chain.doFilter(allowedRequest, http);
        });
        if (!passed[0]) {
            listeners.decided(DecisionListener.Stage.FILTER, observed.status, observed.reason());
        }
    }

    @Override
    public void destroy() {
        filter.destroy();
    }

    /** A response that remembers the status and body the filter wrote for a refusal. */
    private static final class Observed extends HttpServletResponseWrapper {
        private int status = 200;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private ServletOutputStream stream;

        Observed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            this.status = sc;
            super.setStatus(sc);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new Tee(super.getOutputStream(), body);
            }
            return stream;
        }

        String reason() {
            Matcher matcher = REASON.matcher(body.toString(StandardCharsets.UTF_8));
            return matcher.find() ? matcher.group(1) : "unknown";
        }
    }

    /** Writes through to the response and keeps the first few KiB. */
    private static final class Tee extends ServletOutputStream {
        private final ServletOutputStream target;
        private final ByteArrayOutputStream copy;

        Tee(ServletOutputStream target, ByteArrayOutputStream copy) {
            this.target = target;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            if (copy.size() < MAX_OBSERVED_BODY) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            copy.write(b, off, Math.max(0, Math.min(len, MAX_OBSERVED_BODY - copy.size())));
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
