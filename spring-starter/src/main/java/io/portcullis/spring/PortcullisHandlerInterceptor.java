package io.portcullis.spring;

import io.portcullis.AccessOutcome;
import io.portcullis.policy.Decision;
import io.portcullis.policy.RequestView;
import io.portcullis.servlet.PortcullisFilter;
import io.portcullis.token.TokenPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces the access annotations of the controller method that is about to handle a request.
 *
 * <p>The servlet filter has already applied the policy file; this adds the method's own
 * requirements, so that of the two the refusal wins. A method's roles and scopes are decided
 * by core's policy engine with a one-rule policy made from its annotations, and a refusal is
 * the {@link AccessOutcome} of a {@link io.portcullis.Portcullis} deciding with that policy:
 * the same status, challenge and problem document as the filter's.
 *
 * <p>When the file's rule is public, the filter has not read the token; a method that needs a
 * caller then has the token validated here, and the verified caller is put where the filter
 * would have put it.
 *
 * <p>Limitation: only handlers that are controller methods carry annotations; functional
 * endpoints and static resources follow the policy file alone.
 */
final class PortcullisHandlerInterceptor implements HandlerInterceptor {

    private final HandlerGates gates;
    private final DecisionListeners listeners;

    PortcullisHandlerInterceptor(HandlerGates gates, DecisionListeners listeners) {
        this.gates = gates;
        this.listeners = listeners;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response,
            Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        HandlerGate gate = gates.gateFor((HandlerMethod) handler);
        if (gate.isEmpty()) {
            return true;
        }
        RequestView view = RequestViews.of(request);
        TokenPrincipal principal = principal(request);

        AccessOutcome refusal = outsideRequiredRule(gate, principal, view);
        if (refusal == null && gate.policy != null
                && (principal == null || !gate.policy.decide(principal, view).allowed())) {
            // A refusal is answered by a full check, so its body and challenge are core's;
            // the token is then read from the verified-token cache.
            AccessOutcome outcome = gate.gate.check(view);
            if (!outcome.allowed()) {
                refusal = outcome;
            } else if (principal == null) {
                outcome.principal().ifPresent(
                        verified -> request.setAttribute(PortcullisFilter.PRINCIPAL_ATTRIBUTE,
                                verified));
            }
        }
        if (refusal != null) {
            listeners.decided(DecisionListener.Stage.HANDLER, refusal.status(),
                    refusal.reason());
            Refusals.write(response, refusal);
            return false;
        }
        listeners.decided(DecisionListener.Stage.HANDLER, 200, "ok");
        return true;
    }

    /**
     * Returns a refusal when the method requires a named rule of the file and that rule did
     * not decide (or did not allow) the request; null otherwise.
     */
    private AccessOutcome outsideRequiredRule(HandlerGate gate, TokenPrincipal principal,
            RequestView view) {
        String rule = gate.requirement.rule;
        if (rule == null) {
            return null;
        }
        Decision decision = gates.portcullis().policy().decide(principal, view);
        if (decision.allowed() && decision.rule().equals(Optional.of(rule))) {
            return null;
        }
        return gates.outsideRule().check(view);
    }

    static TokenPrincipal principal(HttpServletRequest request) {
        Object value = request.getAttribute(PortcullisFilter.PRINCIPAL_ATTRIBUTE);
        return value instanceof TokenPrincipal ? (TokenPrincipal) value : null;
    }
}
