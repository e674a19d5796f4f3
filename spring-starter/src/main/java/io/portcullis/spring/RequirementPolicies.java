package io.portcullis.spring;

import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the roles and scopes a handler's annotations ask for into a one-rule policy, so that
 * core's policy engine decides them exactly as it decides the shared file: the same checks, the
 * same deny reasons, the same {@code insufficient_scope} scopes.
 *
 * <p>The rule matches every method and path ({@code /**}); the path was already decided by the
 * file. A handler marked {@code @DenyAll} gets a policy without rules, which refuses every
 * request as one no rule allows.
 */
final class RequirementPolicies {

    private static final String DENY_ALL = "{\"version\": 1, \"rules\": []}";

    private final PolicyLoader loader;

    RequirementPolicies(Clock clock) {
        // No environment: nothing in an annotation is a placeholder.
        this.loader = PolicyLoader.builder().clock(clock).environment(Map.of()).build();
    }

    /**
     * Returns the policy that decides {@code requirement}: a one-rule policy for roles and
     * scopes, one that needs only a verified caller, or one without rules for
     * {@code @DenyAll}; null when the requirement is only a named rule of the file.
     */
    Policy policyFor(HandlerRequirement requirement) {
        String source = "annotations of " + requirement.handler;
        try {
            if (requirement.denyAll || requirement.namesRolesOrScopes()) {
                return loader.parse(text(requirement), source);
            }
            if (requirement.needsPrincipal) {
                return loader.parse(authenticated(requirement.handler), source);
            }
            return null;
        } catch (PolicyLoadException e) {
            throw new PortcullisConfigurationException(source, e.problem(),
                    HandlerRequirement.ACTION, e);
        }
    }

    /** Returns a policy without rules: every request is refused as one no rule allows. */
    Policy denyAll() {
        try {
            return loader.parse(DENY_ALL, "the rule @RequirePolicy names");
        } catch (PolicyLoadException e) {
            throw new IllegalStateException("A policy without rules does not load", e);
        }
    }

    private static String authenticated(String handler) {
        return "{\"version\": 1, \"rules\": [{\"name\": " + json(handler)
                + ", \"match\": {\"paths\": [\"/**\"]}, \"authenticated\": true}]}";
    }

    /** Returns the policy as JSON, which is YAML 1.2 too. */
    static String text(HandlerRequirement requirement) {
        if (requirement.denyAll) {
            return DENY_ALL;
        }
        StringBuilder require = new StringBuilder();
        if (!requirement.anyScopes.isEmpty() || !requirement.allScopes.isEmpty()) {
            append(require, "scopes", names(requirement.anyScopes, requirement.allScopes));
        }
        if (!requirement.anyRoles.isEmpty() || !requirement.allRoles.isEmpty()) {
            String names = names(requirement.anyRoles, requirement.allRoles);
            if (requirement.client == null) {
                append(require, "roles", names);
            } else {
                append(require, "clientRoles", "{" + json(requirement.client) + ": " + names
                        + "}");
            }
        }
        return "{\"version\": 1, \"rules\": [{\"name\": " + json(requirement.handler)
                + ", \"match\": {\"paths\": [\"/**\"]}, \"require\": {" + require + "}}]}";
    }

    private static void append(StringBuilder require, String key, String value) {
        if (require.length() > 0) {
            require.append(", ");
        }
        require.append(json(key)).append(": ").append(value);
    }

    private static String names(Set<String> anyOf, Set<String> allOf) {
        StringBuilder value = new StringBuilder("{");
        if (!anyOf.isEmpty()) {
            value.append("\"anyOf\": ").append(list(anyOf));
        }
        if (!allOf.isEmpty()) {
            value.append(anyOf.isEmpty() ? "" : ", ").append("\"allOf\": ").append(list(allOf));
        }
        return value.append('}').toString();
    }

    private static String list(Set<String> names) {
        StringBuilder list = new StringBuilder("[");
        for (String name : new TreeSet<>(names)) {
            list.append(list.length() > 1 ? ", " : "").append(json(name));
        }
        return list.append(']').toString();
    }

    /**
     * Returns {@code text} as a JSON string. {@code ${} is written {@code $${}, which the policy
     * loader reads back as a literal: a role name is never looked up as a variable.
     */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                out.append("$$");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
