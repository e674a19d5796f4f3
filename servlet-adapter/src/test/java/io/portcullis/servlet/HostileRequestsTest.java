package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests no client should send: huge headers, binary garbage, non-ASCII, a thousand headers.
 * Jetty refuses some itself (431, 400); whatever reaches the filter gets a 4xx from it, never a
 * 500 and never the servlet.
 */
class HostileRequestsTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    static final int LARGE_HEADERS = 256 * 1024; // bytes, so that Jetty hands them to the filter
    static final int HUGE = 64 * 1024; // characters

    @TempDir
    Path dir;

    Portcullis gate;
    final Probe probe = new Probe();

    @BeforeEach
    void load() throws Exception {
        gate = Portcullis.fromPolicy(Policies.write(dir, issuer.issuer(), Policies.SHOP_RULES)
                .toString());
    }

    @AfterEach
    void close() {
        gate.close();
    }

    Site start(int requestHeaderSize) throws Exception {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(requestHeaderSize);
        return Site.start("/", http, context -> {
            Site.guard(context, new PortcullisFilter(gate));
            context.addServlet(new ServletHolder(probe), "/");
        });
    }

    Site startWithLargeHeaders() throws Exception {
        return start(LARGE_HEADERS);
    }

    Site startAsJettyDoes() throws Exception {
        return start(new HttpConfiguration().getRequestHeaderSize());
    }

    /** Returns a GET of {@code /orders} whose Authorization value is {@code value}. */
    static byte[] withAuthorization(int port, byte[] value) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("GET /orders HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAuthorization: ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(value);
        request.writeBytes("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return request.toByteArray();
    }

    @Test
    void aHugeAuthorizationHeaderIsRefusedByJettyByDefault() throws Exception {
        try (Site site = startAsJettyDoes()) {
            RawHttp.Response response = site.raw("/orders",
                    "Authorization: Bearer " + "a".repeat(HUGE));

            assertThat(response.status()).isEqualTo(431);
            assertThat(probe.calls()).isZero();
        }
    }

    @Test
    void aHugeTokenThatReachesTheFilterIsInvalidRequest() throws Exception {
        try (Site site = startWithLargeHeaders()) {
            RawHttp.Response response = site.raw("/orders",
                    "Authorization: Bearer " + "a".repeat(HUGE));

            AnswersTest.assertProblem(response, 400, "Bad Request",
                    "The Authorization header is too large", "too_large");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer "
                    + "realm=\"portcullis\", error=\"invalid_request\", "
                    + "error_description=\"The Authorization header is too large\"");
            assertThat(probe.calls()).isZero();
        }
    }

    @Test
    void aHugeOtherHeaderChangesNothing() throws Exception {
        try (Site site = startWithLargeHeaders()) {
            RawHttp.Response response = site.raw("/orders", "X-Filler: " + "x".repeat(HUGE));

            AnswersTest.assertProblem(response, 401, "Unauthorized",
                    "A bearer token is required", "missing_token");
            assertThat(probe.calls()).isZero();
        }
    }

    @Test
    void nonAsciiInTheTokenIsInvalidRequest() throws Exception {
        try (Site site = startWithLargeHeaders()) {
            RawHttp.Response response = RawHttp.exchange(site.port(), withAuthorization(
                    site.port(), "Bearer żółć.ąę.ü".getBytes(StandardCharsets.UTF_8)));

            AnswersTest.assertProblem(response, 400, "Bad Request",
                    "The Authorization header must hold exactly one bearer token",
                    "invalid_request");
            assertThat(probe.calls()).isZero();
        }
    }

    @Test
    void binaryGarbageInTheAuthorizationHeaderIsNeverA500() throws Exception {
        Random random = new Random(6750);
        SoftAssertions softly = new SoftAssertions();
        try (Site site = startWithLargeHeaders()) {
            for (int i = 0; i < 40; i++) {
                byte[] garbage = garbage(random, 1 + random.nextInt(i < 20 ? 64 : 20_000));
                byte[] value = i % 2 == 0 ? garbage : concat("Bearer ", garbage);
                RawHttp.Response response = RawHttp.exchange(site.port(),
                        withAuthorization(site.port(), value));

                softly.assertThat(response.status()).as("garbage %d", i).isIn(400, 401, 431);
            }
        }
        softly.assertThat(probe.calls()).isZero();
        softly.assertAll();
    }

    @Test
    void garbageThatJettyAcceptsIsRefusedByTheFilter() throws Exception {
        Random random = new Random(9110);
        SoftAssertions softly = new SoftAssertions();
        try (Site site = startWithLargeHeaders()) {
            for (int i = 0; i < 40; i++) {
                byte[] garbage = garbage(random, 1 + random.nextInt(i < 20 ? 64 : 20_000));
                for (int j = 0; j < garbage.length; j++) {
                    // Visible ASCII and obs-text (RFC 9110 section 5.5): what Jetty lets in.
                    int b = garbage[j] & 0xFF;
                    garbage[j] = (byte) (b < 0x21 || b == 0x7F ? 'A' + b % 26 : b);
                }
                byte[] value = i % 2 == 0 ? garbage : concat("Bearer ", garbage);
                RawHttp.Response response = RawHttp.exchange(site.port(),
                        withAuthorization(site.port(), value));

                // Without the Bearer scheme it is another scheme's credentials: no token at
                // all (RFC 6750 section 3.1), unless too large to read.
                boolean noToken = i % 2 == 0 && value.length <= TOO_LARGE_TO_READ;
                softly.assertThat(response.status()).as("garbage %d", i)
                        .isEqualTo(noToken ? 401 : 400);
                softly.assertThat(response.header("Content-Type")).as("garbage %d", i)
                        .isEqualTo("application/problem+json");
                if (noToken) {
                    softly.assertThat(response.header("WWW-Authenticate")).as("garbage %d", i)
                            .isEqualTo("Bearer realm=\"portcullis\"");
                } else {
                    softly.assertThat(response.header("WWW-Authenticate")).as("garbage %d", i)
                            .startsWith("Bearer realm=\"portcullis\", error=\"invalid_request\"");
                }
            }
        }
        softly.assertThat(probe.calls()).isZero();
        softly.assertAll();
    }

    /** The longest Authorization value the filter reads: 16 KiB of token, scheme and spaces. */
    static final int TOO_LARGE_TO_READ = 16 * 1024 + "Bearer".length() + 16;

    /** Returns random bytes without CR and LF, which would end the header, not garble it. */
    static byte[] garbage(Random random, int length) {
        byte[] garbage = new byte[length];
        random.nextBytes(garbage);
        for (int j = 0; j < garbage.length; j++) {
            if (garbage[j] == '\r' || garbage[j] == '\n') {
                garbage[j] = (byte) 0xFF;
            }
        }
        return garbage;
    }

    @Test
    void highBytesThatJettyAcceptsAreInvalidRequestFromTheFilter() throws Exception {
        byte[] high = new byte[128];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i);
        }
        try (Site site = startWithLargeHeaders()) {
            RawHttp.Response response = RawHttp.exchange(site.port(),
                    withAuthorization(site.port(), concat("Bearer ", high)));

            AnswersTest.assertProblem(response, 400, "Bad Request",
                    "The Authorization header must hold exactly one bearer token",
                    "invalid_request");
            assertThat(probe.calls()).isZero();
        }
    }

    @Test
    void aThousandHeadersAreRefusedByJettyByDefault() throws Exception {
        try (Site site = startAsJettyDoes()) {
            RawHttp.Response response = site.raw("/orders", headers(1000, "X-Header-%d: %d"));

            assertThat(response.status()).isEqualTo(431);
            assertThat(probe.calls()).isZero();
        }
    }

    @Test
    void aThousandHeadersThatReachTheFilterAreDecidedAsUsual() throws Exception {
        String token = issuer.token().subject("alice").scope("orders:read").sign();
        try (Site site = startWithLargeHeaders()) {
            String[] many = headers(1000, "X-Header-%d: %d");
            String[] withToken = new String[many.length + 1];
            System.arraycopy(many, 0, withToken, 0, many.length);
            withToken[many.length] = "Authorization: Bearer " + token;

            assertThat(site.raw("/orders", many).status()).isEqualTo(401);
            assertThat(site.raw("/orders", withToken).status()).isEqualTo(200);
            assertThat(probe.calls()).isEqualTo(1);
        }
    }

    @Test
    void aThousandAuthorizationHeadersAreInvalidRequest() throws Exception {
        try (Site site = startWithLargeHeaders()) {
            RawHttp.Response response = site.raw("/orders",
                    headers(1000, "Authorization: Bearer t%d.%d"));

            AnswersTest.assertProblem(response, 400, "Bad Request",
                    "The request has more than one Authorization header", "invalid_request");
            assertThat(probe.calls()).isZero();
        }
    }

    @Test
    void aNonAsciiPathIsDecidedLikeAnyOther() throws Exception {
        try (Site site = startWithLargeHeaders()) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes("GET /orders/".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes("żółć".getBytes(StandardCharsets.UTF_8));
            request.writeBytes((" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response raw = RawHttp.exchange(site.port(), request.toByteArray());
            RawHttp.Response encoded = site.raw("/orders/%C5%BC%C3%B3%C5%82%C4%87");

            assertThat(raw.status()).isIn(400, 401);
            assertThat(encoded.status()).isEqualTo(401);
            assertThat(probe.calls()).isZero();
        }
    }

    static String[] headers(int count, String format) {
        String[] lines = new String[count];
        for (int i = 0; i < count; i++) {
            lines[i] = String.format(format, i, i);
        }
        return lines;
    }

    static byte[] concat(String prefix, byte[] rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(rest);
        return out.toByteArray();
    }
}
