package io.portcullis.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The token needs these scopes, on top of whatever the policy file's matching rule requires.
 * A token without them is answered 403 with an RFC 6750 section 3.1 {@code insufficient_scope}
 * challenge whose {@code scope} attribute names the scopes that would do.
 *
 * <p>On a method it replaces every access annotation of its class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireScopes {

    /** Scopes of which the token needs at least one. */
    String[] value() default {};

    /** Scopes the token needs every one of. */
    String[] allOf() default {};
}
