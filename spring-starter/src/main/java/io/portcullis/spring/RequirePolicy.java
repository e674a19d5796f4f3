package io.portcullis.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The request must meet the requirements of this rule of the policy file, on top of whatever
 * the rule that matched its method and path requires: the named rule is evaluated for the
 * request whatever paths its own match section lists (path variables come from the first of
 * its patterns that matches, if any). A rule name the policy does not have stops the
 * application at start-up.
 *
 * <p>This lets an endpoint reuse a requirement the shared file keeps under a name, such as
 * {@code @RequirePolicy("read-report")}, so that the requirement is written once. A request the
 * rule refuses is answered as the file would answer it (401 without a caller, 403 with the
 * rule's deny reason).
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
