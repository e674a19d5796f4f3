/**
 * ABAC conditions in policy files, written in CEL (the Common Expression Language): compiled and
 * type-checked when the policy loads, evaluated per request without parsing.
 *
 * <p>Adding the {@code io.portcullis:portcullis-cel} artifact is all a service needs: the
 * policy loader finds {@link io.portcullis.cel.CelConditionLanguage} through
 * {@link java.util.ServiceLoader}.
 */
package io.portcullis.cel;
