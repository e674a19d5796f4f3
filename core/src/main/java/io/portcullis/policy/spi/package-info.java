/**
 * The service interface through which a condition language (CEL, in the
 * {@code io.portcullis:portcullis-cel} artifact) plugs into the policy engine.
 *
 * <p>Core carries no expression language of its own: a policy whose rules have a
 * {@code condition} loads only when an implementation of {@link
 * io.portcullis.policy.spi.ConditionLanguage} is registered with {@link java.util.ServiceLoader}
 * or passed to the loader.
 */
package io.portcullis.policy.spi;
