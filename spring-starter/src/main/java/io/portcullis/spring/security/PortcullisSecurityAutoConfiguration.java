package io.portcullis.spring.security;

import io.portcullis.Portcullis;
import io.portcullis.spring.PortcullisWebMvcAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * With Spring Security on the class path, the caller Portcullis verified is also the
 * {@code Authentication} of the request's {@code SecurityContext}, so that {@code @PreAuthorize},
 * {@code @AuthenticationPrincipal} and URL rules see it.
 *
 * <p>The Portcullis filter runs before Spring Security's filter chain and has decided the
 * request already. When the application defines no {@link SecurityFilterChain}, the starter
 * defines one (instead of Spring Boot's default, which would ask for a password) that lets
 * every request through Spring Security, carries the verified caller into the context and keeps
 * no session. An application with its own chain adds {@link PortcullisSecurityConfigurer} to it.
 */
@AutoConfiguration(
        afterName = {"io.portcullis.spring.PortcullisAutoConfiguration",
                "io.portcullis.spring.PortcullisWebMvcAutoConfiguration"},
        beforeName = {"org.springframework.boot.security.autoconfigure.actuate.web.servlet."
                + "ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet."
                        + "ServletWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnProperty(prefix = "portcullis", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@ConditionalOnBean(Portcullis.class)
public final class PortcullisSecurityAutoConfiguration {

    /**
     * The chain of an application that defines none. Every request is permitted here because
     * Portcullis has already refused those the policy file and the annotations do not allow;
     * this chain only carries the verified caller for method security. CSRF protection is off
     * because requests authenticate with a bearer token in the {@code Authorization} header,
     * which a browser never attaches by itself, and no session or cookie is created.
     */
    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain portcullisSecurityFilterChain(HttpSecurity http) {
        return http
                .with(PortcullisSecurityConfigurer.portcullis(), Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session
                        .sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .build();
    }

    /**
     * Carries over a caller the annotation interceptor verified itself (on a path the policy
     * file makes public), which Spring Security's chain, having run before, could not see.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class WebMvcConfiguration {

        @Bean
        WebMvcConfigurer portcullisSecurityContextConfigurer(
                ObjectProvider<SecurityContextHolderStrategy> strategy) {
            SecurityContextHolderStrategy holder = strategy.getIfUnique(
                    SecurityContextHolder::getContextHolderStrategy);
            HandlerInterceptor interceptor = new HandlerInterceptor() {
                @Override
                public boolean preHandle(HttpServletRequest request,
                        HttpServletResponse response, Object handler) {
                    PrincipalAuthenticationFilter.expose(request, holder);
                    return true;
                }
            };
            return new WebMvcConfigurer() {
                @Override
                public void addInterceptors(InterceptorRegistry registry) {
                    registry.addInterceptor(interceptor)
                            .order(PortcullisWebMvcAutoConfiguration.INTERCEPTOR_ORDER + 1);
                }
            };
        }
    }
}
