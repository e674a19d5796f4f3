package io.portcullis.spring;

import io.portcullis.token.TokenPrincipal;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * What one controller method asks of a request through its annotations: {@link RequireRoles},
 * {@link RequireScopes}, {@link RequirePolicy}, {@link Public} and Jakarta's
 * {@link RolesAllowed}, {@link PermitAll}, {@link DenyAll}, plus a verified caller when it takes
 * a {@link TokenPrincipal} parameter.
 *
 * <p>The annotations of the method, when it has any, replace those of its class. Within one
 * level they add up; combinations that contradict themselves (such as {@code @DenyAll} with
 * {@code @RolesAllowed}) stop the application at start-up.
 */
final class HandlerRequirement {

    static final String ACTION = "Give each controller method (or class) one coherent set of "
            + "access annotations: @Public or @PermitAll alone, @DenyAll alone, or any of "
            + "@RequireRoles (or @RolesAllowed), @RequireScopes and @RequirePolicy with at "
            + "least one name each.";

    private static final List<Class<? extends Annotation>> ACCESS_ANNOTATIONS = List.of(
            RequireRoles.class, RequireScopes.class, RequirePolicy.class, Public.class,
            RolesAllowed.class, PermitAll.class, DenyAll.class);

    /** The method as rule names show it, such as {@code Orders#delete}. */
    final String handler;
    /** The method with its full class name, for messages. */
    final String method;
    final boolean denyAll;
    final String rule;
    final String client;
    final Set<String> anyRoles;
    final Set<String> allRoles;
    final Set<String> anyScopes;
    final Set<String> allScopes;
    final boolean needsPrincipal;

    private HandlerRequirement(String handler, String method, boolean denyAll, String rule,
            String client,
            Set<String> anyRoles, Set<String> allRoles, Set<String> anyScopes,
            Set<String> allScopes, boolean needsPrincipal) {
        this.handler = handler;
        this.method = method;
        this.denyAll = denyAll;
        this.rule = rule;
        this.client = client;
        this.anyRoles = Set.copyOf(anyRoles);
        this.allRoles = Set.copyOf(allRoles);
        this.anyScopes = Set.copyOf(anyScopes);
        this.allScopes = Set.copyOf(allScopes);
        this.needsPrincipal = needsPrincipal;
    }

    /**
     * Reads the requirement of {@code method}.
     *
     * @throws PortcullisConfigurationException naming the method, for contradictory annotations
     */
    static HandlerRequirement of(HandlerMethod method) {
        String handler = method.getBeanType().getSimpleName() + "#" + method.getMethod().getName();
        Method javaMethod = method.getMethod();
        AnnotatedElement level = hasAccessAnnotation(javaMethod) ? javaMethod
                : method.getBeanType();

        RequireRoles roles = AnnotatedElementUtils.findMergedAnnotation(level, RequireRoles.class);
        RolesAllowed allowed = AnnotatedElementUtils.findMergedAnnotation(level,
                RolesAllowed.class);
        RequireScopes scopes = AnnotatedElementUtils.findMergedAnnotation(level,
                RequireScopes.class);
        RequirePolicy policy = AnnotatedElementUtils.findMergedAnnotation(level,
                RequirePolicy.class);
        boolean open = AnnotatedElementUtils.hasAnnotation(level, Public.class)
                || AnnotatedElementUtils.hasAnnotation(level, PermitAll.class);
        boolean denyAll = AnnotatedElementUtils.hasAnnotation(level, DenyAll.class);
        String where = describe(method, level);

        boolean requires = roles != null || allowed != null || scopes != null || policy != null;
        if (open && (denyAll || requires)) {
            throw conflict(where, "@Public or @PermitAll is combined with a requirement");
        }
        if (denyAll && requires) {
            throw conflict(where, "@DenyAll is combined with a requirement");
        }
        if (roles != null && allowed != null) {
            throw conflict(where, "@RequireRoles and @RolesAllowed both name roles; use one");
        }

        Set<String> anyRoles = new LinkedHashSet<>();
        Set<String> allRoles = new LinkedHashSet<>();
        String client = null;
        if (roles != null) {
            anyRoles.addAll(names(roles.value(), where, "@RequireRoles"));
            allRoles.addAll(names(roles.allOf(), where, "@RequireRoles(allOf)"));
            requireSome(anyRoles, allRoles, where, "@RequireRoles");
            client = roles.client().isEmpty() ? null : roles.client();
        }
        if (allowed != null) {
            anyRoles.addAll(names(allowed.value(), where, "@RolesAllowed"));
            requireSome(anyRoles, allRoles, where, "@RolesAllowed");
        }
        Set<String> anyScopes = new LinkedHashSet<>();
        Set<String> allScopes = new LinkedHashSet<>();
        if (scopes != null) {
            anyScopes.addAll(names(scopes.value(), where, "@RequireScopes"));
            allScopes.addAll(names(scopes.allOf(), where, "@RequireScopes(allOf)"));
            requireSome(anyScopes, allScopes, where, "@RequireScopes");
        }
        String rule = null;
        if (policy != null) {
            if (policy.value().isBlank()) {
                throw conflict(where, "@RequirePolicy names no rule");
            }
            rule = policy.value();
        }
        return new HandlerRequirement(handler, where, denyAll, rule, client, anyRoles,
                allRoles, anyScopes, allScopes, takesPrincipal(method));
    }

    /** Returns if nothing is required beyond what the policy file asks. */
    boolean isEmpty() {
        return !denyAll && rule == null && !needsPrincipal && !namesRolesOrScopes();
    }

    /** Returns if roles or scopes are required. */
    boolean namesRolesOrScopes() {
        return !anyRoles.isEmpty() || !allRoles.isEmpty() || !anyScopes.isEmpty()
                || !allScopes.isEmpty();
    }

    private static boolean hasAccessAnnotation(Method method) {
        for (Class<? extends Annotation> type : ACCESS_ANNOTATIONS) {
            if (AnnotatedElementUtils.hasAnnotation(method, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns if the method takes the verified caller itself: a {@link TokenPrincipal}
     * parameter (not {@code Optional}, and not left to Spring Security's
     * {@code @AuthenticationPrincipal}) cannot be served without one.
     */
    private static boolean takesPrincipal(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            if (parameter.getParameterType() == TokenPrincipal.class
                    && !TokenPrincipalArgumentResolver.leftToSpringSecurity(parameter)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(String[] names, String where, String annotation) {
        List<String> checked = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw conflict(where, annotation + " holds an empty name");
            }
            checked.add(name);
        }
        return checked;
    }

    private static void requireSome(Set<String> any, Set<String> all, String where,
            String annotation) {
        if (any.isEmpty() && all.isEmpty()) {
            throw conflict(where, annotation + " names nothing");
        }
    }

    private static String describe(HandlerMethod method, AnnotatedElement level) {
        String name = method.getBeanType().getName() + "#" + method.getMethod().getName();
        return level instanceof Class ? name + " (annotations of its class)" : name;
    }

    private static PortcullisConfigurationException conflict(String where, String problem) {
        return new PortcullisConfigurationException(where, problem, ACTION);
    }

    /** Returns the method as logs and rule names show it, such as {@code Orders#delete}. */
    @Override
    public String toString() {
        return handler;
    }
}
