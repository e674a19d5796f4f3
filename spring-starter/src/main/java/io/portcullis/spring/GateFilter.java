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
 * the status and the small problem document; the listeners hear of it before the document goes
 * out, so that whoever reads the answer also finds it counted.
 *
 * <p>Limitation: the filter does not hand its outcome to callers, so the reason code of a
 * refusal is read back from the {@code reason} member of the problem document it wrote.
 */
final class GateFilter implements Filter {

    /** Reason codes are short lower-case words; anything else is not trusted as a tag. */
    private static final Pattern REASON = Pattern.compile("\"reason\":\"([a-z_]{1,40})\"");

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
        Refusal refusal = new Refusal(http);
        boolean[] passed = new boolean[1];
        filter.doFilter(request, refusal, (allowedRequest, ignored) -> {
            passed[0] = true;
            listeners.decided(DecisionListener.Stage.FILTER, 200, "ok");
            chain.doFilter(allowedRequest, http);
        });
        if (!passed[0]) {
            listeners.decided(DecisionListener.Stage.FILTER, refusal.status, refusal.reason());
            refusal.send();
        }
    }

    @Override
    public void destroy() {
        filter.destroy();
    }

    /**
     * The response the filter writes a refusal into: status and headers go through, the body
     * (only the filter's problem document ever lands here) is held until {@link #send()}.
     */
    private static final class Refusal extends HttpServletResponseWrapper {
        private int status = 200;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final ServletOutputStream stream = new Held(body);

        Refusal(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            this.status = sc;
            super.setStatus(sc);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return stream;
        }

        @Override
        public void resetBuffer() {
            body.reset();
            super.resetBuffer();
        }

        String reason() {
            Matcher matcher = REASON.matcher(body.toString(StandardCharsets.UTF_8));
            return matcher.find() ? matcher.group(1) : "unknown";
        }

        void send() throws IOException {
            if (body.size() > 0) {
                body.writeTo(getResponse().getOutputStream());
            }
        }
    }

    /** Keeps what is written. */
    private static final class Held extends ServletOutputStream {
        private final ByteArrayOutputStream target;

        Held(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("The refusal is written in blocking mode");
        }
    }
}
