package io.portcullis.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The request must be decided, and allowed, by this rule of the policy file: the rule that
 * matches the request's method and path must be the one named here. If another rule (or no
 * rule) decides the request, it is refused as one no rule allows (403, reason
 * {@code unmatched}); a name the policy does not have stops the application at start-up.
 *
 * <p>This pins an endpoint to the rule the shared file keeps for it, so that a reordered or
 * renamed rule closes the endpoint instead of silently handing it to another rule.
 *
 * <p>Limitation: the rule is not evaluated on its own for a request its patterns do not
 * match; core offers no way yet to decide with one named rule.
 *
 * <p>On a method it replaces every access annotation of its class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequirePolicy {

    /** The name of the rule. */
    String value();
}
