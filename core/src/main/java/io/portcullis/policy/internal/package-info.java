/**
 * Reading of policy and policy-cases documents: a strict YAML tree that knows where each value
 * came from, and {@code ${NAME:default}} substitution.
 *
 * <p>Not an API: these classes are public only so that the policy packages can share them, and
 * may change in any release.
 */
package io.portcullis.policy.internal;
