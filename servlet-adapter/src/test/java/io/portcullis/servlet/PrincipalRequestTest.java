package io.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Portcullis;
import io.portcullis.testkit.TestIssuer;
import io.portcullis.testkit.TestIssuerExtension;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a servlet behind the filter learns about its caller through the servlet API. */
class PrincipalRequestTest {

    @RegisterExtension
    static TestIssuerExtension issuer = TestIssuerExtension.create(TestIssuer.builder()
            .tokenDefaults(t -> t.audience("shop")));

    @TempDir
    Path dir;

    Portcullis gate;
    Site site;

    /** Answers with the caller as the servlet API shows it, and a few role checks. */
    static final class Caller extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            if (request.getParameter("logout") != null) {
                request.logout();
            }
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().print(Probe.describe(request)
                    + "auditor=" + request.isUserInRole("auditor") + "\n"
                    + "anyAuthenticated=" + request.isUserInRole("**") + "\n"
                    + "star=" + request.isUserInRole("*") + "\n"
                    + "clientRole=" + request.isUserInRole("refund") + "\n"
                    + "principalType=" + (request.getUserPrincipal() == null ? null
                            : request.getUserPrincipal().getClass().getSimpleName()) + "\n");
        }
    }

    @BeforeEach
    void start() throws Exception {
        gate = Portcullis.fromPolicy(Policies.write(dir, issuer.issuer(), Policies.SHOP_RULES)
                .toString());
        site = Site.start("/", context -> {
            Site.guard(context, new PortcullisFilter(gate));
            context.addServlet(new ServletHolder(new Caller()), "/");
        });
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
        gate.close();
    }

    @Test
    void theServletSeesTheVerifiedCaller() throws Exception {
        String token = issuer.token().subject("alice").realmRoles("admin", "user")
                .clientRoles("shop", "refund").sign();

        String body = site.get("/members/profile", "Authorization", "Bearer " + token).body();

        assertThat(body).isEqualTo("principal=alice\n"
                + "remoteUser=alice\n"
                + "authType=BEARER\n"
                + "admin=true\n"
                + "attribute=TokenPrincipal[sub=alice, iss=" + issuer.issuer() + "]\n"
                + "path=/members/profile\n"
                + "auditor=false\n"
                + "anyAuthenticated=true\n"
                + "star=false\n"
                + "clientRole=false\n"
                + "principalType=TokenPrincipal\n");
    }

    @Test
    void aRoleNamedStarIsNeverGranted() throws Exception {
        String token = issuer.token().subject("bob").realmRoles("*").sign();

        String body = site.get("/members/profile", "Authorization", "Bearer " + token).body();

        assertThat(body).contains("admin=false\n", "star=false\n", "anyAuthenticated=true\n");
    }

    @Test
    void aPublicRouteHasNoCallerEvenWithAValidToken() throws Exception {
        String token = issuer.token().subject("alice").realmRoles("admin").sign();

        String body = site.get("/health", "Authorization", "Bearer " + token).body();

        assertThat(body).startsWith("principal=null\n"
                + "remoteUser=null\n"
                + "authType=null\n"
                + "admin=false\n"
                + "attribute=null\n");
        assertThat(body).contains("anyAuthenticated=false\n");
    }

    @Test
    void afterLogoutTheRequestHasNoCaller() throws Exception {
        String token = issuer.token().subject("alice").realmRoles("admin").sign();

        String body = site.get("/members/profile?logout", "Authorization", "Bearer " + token)
                .body();

        assertThat(body).startsWith("principal=null\n"
                + "remoteUser=null\n"
                + "authType=null\n"
                + "admin=false\n");
        assertThat(body).contains("anyAuthenticated=false\n");
    }
}
