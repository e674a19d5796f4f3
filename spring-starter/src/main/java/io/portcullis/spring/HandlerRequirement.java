package io.portcullis.spring;

import io.portcullis.Requirement;
import io.portcullis.token.TokenPrincipal;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * What one controller method asks of a request through its annotations: {@link RequireRoles},
 * {@link RequireScopes}, {@link RequirePolicy}, {@link Public} and Jakarta's
 * {@link RolesAllowed}, {@link PermitAll}, {@link DenyAll}, plus a verified caller when it takes
 * a {@link TokenPrincipal} parameter.
 *
 * <p>They become a list of core {@link Requirement}s, every one of which must be met. The
 * annotations of the method, when it has any, replace those of its class. Within one
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

    /** The method as logs show it, such as {@code Orders#delete}. */
    final String handler;
    /** The method with its full class name, for messages. */
    final String method;
    /** The rule {@link RequirePolicy} names; null without one. */
    final String rule;
    /** What the request must meet, every one of them, in the order they are checked. */
    final List<Requirement> requirements;

    private HandlerRequirement(String handler, String method, String rule,
            List<Requirement> requirements) {
        this.handler = handler;
        this.method = method;
        this.rule = rule;
        this.requirements = List.copyOf(requirements);
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

        // Checked in this order, so a caller short of several hears of the first: the named
        // rule, then scopes before roles, as core's engine checks a rule's own requirements.
        List<Requirement> requirements = new ArrayList<>();
        if (denyAll) {
            requirements.add(Requirement.denyAll());
        }
        String rule = null;
        if (policy != null) {
            if (policy.value().isBlank()) {
                throw conflict(where, "@RequirePolicy names no rule");
            }
            rule = policy.value();
            requirements.add(Requirement.rule(rule));
        }
        if (scopes != null) {
            String[] any = names(scopes.value(), where, "@RequireScopes");
            String[] all = names(scopes.allOf(), where, "@RequireScopes(allOf)");
            requireSome(any, all, where, "@RequireScopes");
            add(requirements, any, Requirement::anyScope);
            add(requirements, all, Requirement::allScopes);
        }
        if (roles != null) {
            String[] any = names(roles.value(), where, "@RequireRoles");
            String[] all = names(roles.allOf(), where, "@RequireRoles(allOf)");
            requireSome(any, all, where, "@RequireRoles");
            String client = roles.client();
            if (client.isEmpty()) {
                add(requirements, any, Requirement::anyRole);
                add(requirements, all, Requirement::allRoles);
            } else if (client.isBlank()) {
                throw conflict(where, "@RequireRoles(client) is blank");
            } else {
                add(requirements, any, names -> Requirement.anyClientRole(client, names));
                add(requirements, all, names -> Requirement.allClientRoles(client, names));
            }
        }
        if (allowed != null) {
            String[] any = names(allowed.value(), where, "@RolesAllowed");
            requireSome(any, new String[0], where, "@RolesAllowed");
            add(requirements, any, Requirement::anyRole);
        }
        // Roles, scopes and @DenyAll need a caller already; a named rule may be public.
        if (takesPrincipal(method) && requirements.stream()
                .allMatch(r -> r.kind() == Requirement.Kind.RULE)) {
            requirements.add(Requirement.authenticated());
        }
        return new HandlerRequirement(handler, where, rule, requirements);
    }

    /** Returns if nothing is required beyond what the policy file asks. */
    boolean isEmpty() {
        return requirements.isEmpty();
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

    private static String[] names(String[] names, String where, String annotation) {
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw conflict(where, annotation + " holds an empty name");
            }
        }
        return names;
    }

    private static void requireSome(String[] any, String[] all, String where,
            String annotation) {
        if (any.length == 0 && all.length == 0) {
            throw conflict(where, annotation + " names nothing");
        }
    }

    private static void add(List<Requirement> requirements, String[] names,
            Function<String[], Requirement> requirement) {
        if (names.length > 0) {
            requirements.add(requirement.apply(names));
        }
    }

    private static String describe(HandlerMethod method, AnnotatedElement level) {
        String name = method.getBeanType().getName() + "#" + method.getMethod().getName();
        return level instanceof Class ? name + " (annotations of its class)" : name;
    }

    private static PortcullisConfigurationException conflict(String where, String problem) {
        return new PortcullisConfigurationException(where, problem, ACTION);
    }

    /** Returns the method as logs show it, such as {@code Orders#delete}. */
    @Override
    public String toString() {
        return handler;
    }
}
