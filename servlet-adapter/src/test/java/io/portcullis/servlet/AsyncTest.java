package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import io.portcullis.token.IssuerConfig;
import io.portcullis.token.Rejection;
import io.portcullis.token.TokenPrincipal;
import io.portcullis.token.TokenValidator;
import io.portcullis.token.ValidationListener;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servlet async requests behind the filter: the caller is known on the thread that completes
 * the request, an async dispatch comes back through the filter without a second validation or
 * a second answer, and so does an error dispatch.
 */
class AsyncTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    @TempDir
    Path dir;

    final AtomicInteger validations = new AtomicInteger();
    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final ExecutorService clients = Executors.newFixedThreadPool(4);
    Portcullis gate;
    Site site;

    /** Completes the request on another thread, answering with the caller it was given. */
    final class CompletesElsewhere extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            workers.execute(() -> {
                try {
                    response.setContentType("text/plain;charset=utf-8");
                    response.getWriter().print("thread=worker\n" + Probe.describe(request));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** Goes async, then dispatches back to itself from another thread. */
    final class DispatchesBack extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (request.getDispatcherType() == DispatcherType.REQUEST) {
                AsyncContext async = request.startAsync();
                workers.execute(async::dispatch);
                return;
            }
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().print("dispatch=" + request.getDispatcherType() + "\n"
                    + Probe.describe(request));
        }
    }

    /** Fails, so that the container dispatches to the error page. */
    static final class Fails extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws ServletException {
            throw new ServletException("the application failed");
        }
    }

    /** The error page, answering with the dispatch type and the caller. */
    static final class ErrorPage extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().print("dispatch=" + request.getDispatcherType() + "\n"
                    + Probe.describe(request));
        }
    }

    @BeforeEach
    void start() throws Exception {
        TokenValidator validator = TokenValidator.builder()
                .issuer(IssuerConfig.builder(issuer.issuer()).discovery().audiences("shop")
                        .build())
                .listener(new ValidationListener() {
                    @Override
                    public void accepted(TokenPrincipal principal, boolean cacheHit,
                            long nanos) {
                        validations.incrementAndGet();
                    }

                    @Override
                    public void rejected(Rejection rejection, long nanos) {
                        validations.incrementAndGet();
                    }
                })
                .build();
        gate = Portcullis.fromPolicy(Policies.write(dir, issuer.issuer(), Policies.SHOP_RULES)
                .toString(), Clock.systemUTC(), b -> b.validator(validator).closing(validator));
        site = Site.start("/", context -> {
            FilterHolder filter = new FilterHolder(new PortcullisFilter(gate));
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST,
                    DispatcherType.ASYNC, DispatcherType.ERROR));
            context.addServlet(async(new CompletesElsewhere()), "/members/elsewhere");
            context.addServlet(async(new DispatchesBack()), "/members/dispatch");
            context.addServlet(new ServletHolder(new Fails()), "/members/fails");
            context.addServlet(new ServletHolder(new ErrorPage()), "/error");
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            errors.addErrorPage(500, "/error");
            context.setErrorHandler(errors);
        });
    }

    static ServletHolder async(HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        return holder;
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
        gate.close();
        workers.shutdownNow();
        clients.shutdownNow();
    }

    String token() {
        return issuer.token().subject("alice").realmRoles("admin").sign();
    }

    @Test
    void theCallerIsKnownOnTheThreadThatCompletesTheRequest() throws Exception {
        HttpResponse<String> response = site.get("/members/elsewhere",
                "Authorization", "Bearer " + token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("thread=worker\nprincipal=alice\n"
                + "remoteUser=alice\nauthType=BEARER\nadmin=true\n");
        assertThat(validations).hasValue(1);
    }

    @Test
    void anAsyncDispatchComesBackWithTheCallerAndIsNotValidatedAgain() throws Exception {
        HttpResponse<String> response = site.get("/members/dispatch",
                "Authorization", "Bearer " + token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("dispatch=ASYNC\nprincipal=alice\n"
                + "remoteUser=alice\nauthType=BEARER\nadmin=true\n");
        assertThat(validations).hasValue(1);
    }

    @Test
    void aRefusedRequestNeverGoesAsync() throws Exception {
        HttpResponse<String> response = site.get("/members/dispatch");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
        assertThat(validations).hasValue(0);
    }

    @Test
    void anErrorDispatchKeepsTheCallerAndIsNotValidatedAgain() throws Exception {
        HttpResponse<String> response = site.get("/members/fails",
                "Authorization", "Bearer " + token());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("dispatch=ERROR\nprincipal=alice\n");
        assertThat(validations).hasValue(1);
    }

    @Test
    void manyConcurrentAsyncRequestsEachGetTheirOwnCaller() throws Exception {
        int requests = 20;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String token = issuer.token().subject("user-" + i).sign();
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return site.get("/members/dispatch", "Authorization", "Bearer " + token);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, clients));
        }
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = answers.get(i).get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("dispatch=ASYNC\nprincipal=user-" + i + "\n");
        }
        assertThat(validations).hasValue(requests);
    }
}
