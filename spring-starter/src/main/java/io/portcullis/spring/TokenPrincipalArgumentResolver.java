package io.portcullis.spring;

import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.Annotation;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method the verified caller: a {@link TokenPrincipal} parameter, or an
 * {@code Optional<TokenPrincipal>} one that is empty without a verified caller.
 *
 * <p>A method with a plain {@link TokenPrincipal} parameter needs a verified caller, which the
 * interceptor makes sure of (401 without one), so the parameter is never null. A parameter
 * annotated with Spring Security's {@code @AuthenticationPrincipal} is left to Spring Security.
 */
final class TokenPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    private static final String AUTHENTICATION_PRINCIPAL =
            "org.springframework.security.core.annotation.AuthenticationPrincipal";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (leftToSpringSecurity(parameter)) {
            return false;
        }
        return parameter.getParameterType() == TokenPrincipal.class || optionalPrincipal(parameter);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        TokenPrincipal principal = servletRequest == null ? null
                : PortcullisHandlerInterceptor.principal(servletRequest);
        if (optionalPrincipal(parameter)) {
            return Optional.ofNullable(principal);
        }
        if (principal == null) {
            // The interceptor refuses such requests first; reaching this means it is not
            // installed in front of this handler, and running it without a caller is unsafe.
            throw new IllegalStateException("No verified caller for " + parameter.getMethod()
                    + "; is the Portcullis interceptor registered for this handler?");
        }
        return principal;
    }

    /** Returns if the parameter carries Spring Security's {@code @AuthenticationPrincipal}. */
    static boolean leftToSpringSecurity(MethodParameter parameter) {
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            if (annotation.annotationType().getName().equals(AUTHENTICATION_PRINCIPAL)) {
                return true;
            }
        }
        return false;
    }

    private static boolean optionalPrincipal(MethodParameter parameter) {
        return parameter.getParameterType() == Optional.class
                && ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve()
                        == TokenPrincipal.class;
    }
}
