package io.portcullis.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint adds no requirement of its own; on a method, it sets aside its class's
 * annotations. It does not open anything the policy file protects: the file's rule for the
 * request still applies, because of two answers the refusal wins. An endpoint anyone may call
 * needs a {@code public: true} rule in the file; {@code @Public} then says so in the code and
 * keeps class-level requirements off it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {
}
