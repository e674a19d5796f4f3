package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The RFC 6750 section 2.2 form-body token: off by default, and strict when enabled. */
class FormBodyTokenTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    static final String FORM = "application/x-www-form-urlencoded";
    static final String RULES = Policies.SHOP_RULES + """
              - name: echo
                match: {paths: [/echo]}
                public: true
            """;

    @TempDir
    Path dir;

    Portcullis gate;
    Site site;

    /** Answers with the caller and the form parameter {@code item}. */
    static final class Order extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().print(Probe.describe(request)
                    + "item=" + request.getParameter("item") + "\n");
        }
    }

    /** Answers with the raw request body. */
    static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().print("body=" + new String(body, StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void load() throws Exception {
        gate = Portcullis.fromPolicy(Policies.write(dir, issuer.issuer(), RULES).toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        gate.close();
    }

    void start(PortcullisFilter filter) throws Exception {
        site = Site.start("/", context -> {
            Site.guard(context, filter);
            context.addServlet(new ServletHolder(new Order()), "/");
            context.addServlet(new ServletHolder(new Echo()), "/echo");
        });
    }

    void startAccepting() throws Exception {
        start(PortcullisFilter.builder(gate).formBodyToken(true).build());
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = contentType;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return site.send(site.request(path, all).POST(BodyPublishers.ofString(body)));
    }

    String token() {
        return issuer.token().subject("alice").scope("orders:read").sign();
    }

    @Test
    void aFormTokenIsAcceptedWhenEnabledAndTheFormStillReadable() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders", FORM,
                "item=7&access_token=" + token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("principal=alice\n").endsWith("item=7\n");
    }

    @Test
    void theFormMediaTypeMayCarryParameters() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders",
                "Application/X-WWW-Form-Urlencoded; charset=UTF-8", "access_token=" + token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("principal=alice\n");
    }

    @Test
    void anInvalidFormTokenIsInvalidToken() throws Exception {
        startAccepting();
        String expired = issuer.token().scope("orders:read").expiresIn(Duration.ofMinutes(-5))
                .sign();

        HttpResponse<String> response = post("/orders", FORM, "access_token=" + expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer "
                + "realm=\"portcullis\", error=\"invalid_token\", "
                + "error_description=\"The token has expired\"");
    }

    @Test
    void aFormTokenIsIgnoredByDefault() throws Exception {
        start(new PortcullisFilter(gate));

        HttpResponse<String> response = post("/orders", FORM, "access_token=" + token());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
    }

    @Test
    void byDefaultTheBodyIsLeftForTheApplication() throws Exception {
        start(new PortcullisFilter(gate));

        HttpResponse<String> response = post("/echo", FORM, "access_token=x&item=7");

        assertThat(response.body()).isEqualTo("body=access_token=x&item=7");
    }

    @Test
    void aBodyThatIsNoFormIsLeftForTheApplication() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/echo", "application/json",
                "{\"access_token\":\"x\"}");

        assertThat(response.body()).isEqualTo("body={\"access_token\":\"x\"}");
    }

    @Test
    void aFormTokenBesideAnAuthorizationHeaderIsInvalidRequest() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders", FORM, "access_token=" + token(),
                "Authorization", "Bearer " + token());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"portcullis\", error=\"invalid_request\", ");
        assertThat(response.body()).endsWith("\"reason\":\"invalid_request\"}");
    }

    @Test
    void twoFormTokensAreInvalidRequest() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders", FORM,
                "access_token=" + token() + "&access_token=" + token());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer realm=\"portcullis\", error=\"invalid_request\", ");
    }

    @Test
    void anEmptyFormTokenIsInvalidRequest() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders", FORM, "access_token=&item=7");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer "
                + "realm=\"portcullis\", error=\"invalid_request\", "
                + "error_description=\"The bearer token is empty\"");
    }

    @Test
    void theQueryStringIsNeverReadEvenForAFormPost() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders?access_token=" + token(), FORM,
                "item=7");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
    }

    @Test
    void aQueryTokenBesideAFormTokenIsIgnored() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders?access_token=not-a-token", FORM,
                "access_token=" + token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("principal=alice\n");
    }

    @Test
    void onlyAPostIsRead() throws Exception {
        startAccepting();
        String body = "access_token=" + token();

        for (String method : new String[] {"GET", "PUT", "PATCH", "DELETE"}) {
            HttpResponse<String> response = site.send(site.request("/members/profile",
                    "Content-Type", FORM).method(method, BodyPublishers.ofString(body)));

            assertThat(response.statusCode()).as(method).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).as(method)
                    .containsExactly("Bearer realm=\"portcullis\"");
        }
    }

    @Test
    void aTokenInAnotherBodyIsNotRead() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/members/profile", "application/json",
                "{\"access_token\":\"" + token() + "\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
    }

    @Test
    void aBodyTheContainerCannotParseCarriesNoToken() throws Exception {
        startAccepting();

        HttpResponse<String> response = post("/orders", FORM, "access_token=%zz&item=%");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly("Bearer realm=\"portcullis\"");
    }

    @Test
    void onlyValuesBeyondTheQueryStringsOwnComeFromTheBody() {
        assertThat(FormBodyToken.fromBody(List.of("q", "b"), List.of("q")))
                .containsExactly("b");
        assertThat(FormBodyToken.fromBody(List.of("b"), List.of())).containsExactly("b");
        assertThat(FormBodyToken.fromBody(List.of("q"), List.of("q"))).isEmpty();
        assertThat(FormBodyToken.fromBody(List.of("q2", "b"), List.of("q"))).isEmpty();
        assertThat(FormBodyToken.fromBody(List.of("q"), List.of("q", "q"))).isEmpty();
    }
}
