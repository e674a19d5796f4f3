package io.portcullis.spring;

import io.portcullis.Portcullis;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Enforces endpoint annotations in Spring MVC and gives controller methods the verified
 * caller as a {@link io.portcullis.token.TokenPrincipal} parameter.
 */
@AutoConfiguration(after = PortcullisAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnProperty(prefix = "portcullis", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@ConditionalOnBean(Portcullis.class)
public final class PortcullisWebMvcAutoConfiguration {

    /**
     * The order of the interceptor that enforces endpoint annotations: before other
     * interceptors, so that a refused request costs them nothing.
     */
    public static final int INTERCEPTOR_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Bean
    HandlerRequirements portcullisHandlerRequirements(Portcullis portcullis) {
        return new HandlerRequirements(portcullis);
    }

    @Bean
    WebMvcConfigurer portcullisWebMvcConfigurer(HandlerRequirements requirements,
            DecisionListeners listeners) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new PortcullisHandlerInterceptor(requirements, listeners))
                        .order(INTERCEPTOR_ORDER);
            }
        };
    }

    /**
     * Puts the {@link io.portcullis.token.TokenPrincipal} resolver first. A
     * {@code TokenPrincipal} is a {@link java.security.Principal}, and Spring MVC's own
     * resolver of principals, which comes before resolvers added the usual way, would hand over
     * whatever the request's {@code getUserPrincipal()} is: under Spring Security the
     * {@code Authentication}, and nothing where the interceptor verified the token itself.
     */
    @Bean
    static BeanPostProcessor portcullisPrincipalResolverFirst() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof RequestMappingHandlerAdapter) {
                    RequestMappingHandlerAdapter adapter = (RequestMappingHandlerAdapter) bean;
                    List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
                    resolvers.add(new TokenPrincipalArgumentResolver());
                    resolvers.addAll(adapter.getArgumentResolvers());
                    adapter.setArgumentResolvers(resolvers);
                }
                return bean;
            }
        };
    }

    /**
     * Reads the annotations of every mapped controller method once the context is ready, so
     * that a contradictory annotation or an unknown rule name stops the start-up.
     */
    @Bean
    SmartInitializingSingleton portcullisAnnotationCheck(HandlerRequirements requirements,
            ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return () -> mappings.orderedStream().forEach(mapping -> mapping.getHandlerMethods()
                .values().forEach(requirements::of));
    }
}
