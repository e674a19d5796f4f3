package io.portcullis.spring;

import io.portcullis.AccessOutcome;
import io.portcullis.Portcullis;
import io.portcullis.Requirement;
import io.portcullis.policy.RequestView;
import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces the access annotations of the controller method that is about to handle a request.
 *
 * <p>The servlet filter has already applied the policy file; this adds the method's own
 * requirements, so that of the two the refusal wins. Each requirement is checked by the
 * application's {@link Portcullis} ({@link Portcullis#enforce}), so a refusal has the same
 * status, challenge and problem document as the filter's.
 *
 * <p>When the file's rule is public, the filter has not read the token; a method with
 * requirements then has core read and validate it here, and the verified caller is put where
 * the filter would have put it.
 *
 * <p>Limitation: only handlers that are controller methods carry annotations; functional
 * endpoints and static resources follow the policy file alone.
 */
final class PortcullisHandlerInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PortcullisHandlerInterceptor.class);

    private final HandlerRequirements requirements;
    private final DecisionListeners listeners;

    PortcullisHandlerInterceptor(HandlerRequirements requirements, DecisionListeners listeners) {
        this.requirements = requirements;
        this.listeners = listeners;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response,
            Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        HandlerRequirement requirement = requirements.of((HandlerMethod) handler);
        if (requirement.isEmpty()) {
            return true;
        }
        Portcullis portcullis = requirements.portcullis();
        RequestView view = RequestViews.of(request);
        // The caller the filter verified; without one, the first check reads the token.
        TokenPrincipal caller = principal(request);
        boolean tokenRead = caller != null;
        for (Requirement each : requirement.requirements) {
            AccessOutcome outcome;
            if (tokenRead) {
                outcome = enforce(portcullis, each, caller, view);
            } else {
                outcome = enforce(portcullis, each, view);
                tokenRead = true;
                caller = outcome.principal().orElse(null);
                if (outcome.allowed() && caller != null) {
                    request.setAttribute(PortcullisFilter.PRINCIPAL_ATTRIBUTE, caller);
                }
            }
            if (!outcome.allowed()) {
                listeners.decided(DecisionListener.Stage.HANDLER, outcome.status(),
                        outcome.reason());
                Refusals.write(response, outcome);
                return false;
            }
        }
        listeners.decided(DecisionListener.Stage.HANDLER, 200, "ok");
        return true;
    }

    private static AccessOutcome enforce(Portcullis portcullis, Requirement requirement,
            TokenPrincipal caller, RequestView view) {
        try {
            return portcullis.enforce(requirement, caller, view);
        } catch (IllegalArgumentException e) {
            return withoutRule(portcullis, requirement, caller, view, e);
        }
    }

    private static AccessOutcome enforce(Portcullis portcullis, Requirement requirement,
            RequestView view) {
        try {
            return portcullis.enforce(requirement, view);
        } catch (IllegalArgumentException e) {
            return withoutRule(portcullis, requirement, null, view, e);
        }
    }

    /**
     * Refuses a request whose required rule the policy no longer has (a reload dropped it after
     * start-up checked the name): the endpoint closes rather than being left unguarded.
     */
    private static AccessOutcome withoutRule(Portcullis portcullis, Requirement requirement,
            TokenPrincipal caller, RequestView view, IllegalArgumentException e) {
        if (requirement.kind() != Requirement.Kind.RULE) {
            throw e;
        }
        log.warn("Refusing a request to an endpoint that requires the rule {}, which the "
                + "policy no longer has", requirement.values());
        return portcullis.enforce(Requirement.denyAll(), caller, view);
    }

    static TokenPrincipal principal(HttpServletRequest request) {
        Object value = request.getAttribute(PortcullisFilter.PRINCIPAL_ATTRIBUTE);
        return value instanceof TokenPrincipal ? (TokenPrincipal) value : null;
    }
}
