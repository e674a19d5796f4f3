package io.portcullis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Runs only without Spring Security on the class path (the second test run of this module):
 * the servlet filter guards the service on its own, and the caller is the servlet request's
 * principal.
 */
class WithoutSpringSecurityTest extends GuardedServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void springSecurityIsAbsent() {
        assertThat(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain",
                null)).isFalse();
        assertThat(context.containsBean("portcullisSecurityFilterChain")).isFalse();
        assertThat(context.containsBean("springSecurityFilterChain")).isFalse();
    }

    @Test
    void theFilterIsRegisteredOnItsOwn() {
        @SuppressWarnings("rawtypes")
        Map<String, FilterRegistrationBean> registrations =
                context.getBeansOfType(FilterRegistrationBean.class);
        assertThat(registrations).containsKey("portcullisFilter");
        FilterRegistrationBean<?> registration = registrations.get("portcullisFilter");
        assertThat(registration.getOrder()).isEqualTo(PortcullisAutoConfiguration
                .DEFAULT_FILTER_ORDER);
        assertThat(registration.getFilter()).isInstanceOf(Filter.class);

        assertThat(get("/api/plain", null).status()).isEqualTo(401);
        assertThat(get("/api/plain", ISSUER.token().sign()).body()).isEqualTo("plain");
    }

    @Test
    void theServletRequestsPrincipalIsTheVerifiedCaller() {
        String token = ISSUER.token().subject("dave").realmRoles("admin").sign();
        assertThat(get("/api/servlet-principal", token).body())
                .isEqualTo("TokenPrincipal dave true");
    }
}
