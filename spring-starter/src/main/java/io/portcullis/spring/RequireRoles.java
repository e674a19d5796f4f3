package io.portcullis.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The caller needs these roles, on top of whatever the policy file's matching rule requires.
 * Without a valid token the answer is 401; with one that lacks the roles, 403.
 *
 * <pre>{@code
 * @RequireRoles("admin")                                  // admin
 * @RequireRoles({"admin", "support"})                     // admin or support
 * @RequireRoles(allOf = {"admin", "auditor"})             // both
 * @RequireRoles(client = "orders-service", value = "refund") // a client role
 * }</pre>
 *
 * <p>On a method it replaces every access annotation of its class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireRoles {

    /** Roles of which the caller needs at least one. */
    String[] value() default {};

    /** Roles the caller needs every one of. */
    String[] allOf() default {};

    /**
     * The client whose client roles count (Keycloak's {@code resource_access.<client>.roles});
     * empty for realm-wide roles. A realm role never passes for a client role of the same name.
     */
    String client() default "";
}
