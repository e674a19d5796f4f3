package io.portcullis.vertx;

import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyLoadException;
import io.portcullis.policy.PolicyLoader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a route's requirement into a one-rule policy, so that core decides it and builds its
 * refusal exactly as it does for a rule of the policy file.
 */
final class RequirementPolicies {

    /** The name decisions and logs give the rule of a route requirement. */
    static final String RULE_NAME = "route-requirement";

    private static final PolicyLoader LOADER = PolicyLoader.builder()
            .environment(Map.of())
            .build();

    private RequirementPolicies() {
    }

    /** Returns a policy whose one rule, for every method and path, needs any of the roles. */
    static Policy anyRole(List<String> roles) {
        return compile("roles", roles);
    }

    /** Returns a policy whose one rule, for every method and path, needs any of the scopes. */
    static Policy anyScope(List<String> scopes) {
        return compile("scopes", scopes);
    }

    /** Returns a policy without rules: it refuses every request, as unmatched (403). */
    static Policy refuseAll() {
        return parse("{\"version\": 1, \"rules\": []}");
    }

    private static Policy compile(String kind, List<String> names) {
        Objects.requireNonNull(names, kind);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("A route requirement needs at least one of the "
                    + kind);
        }
        StringBuilder list = new StringBuilder();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A route requirement names an empty "
                        + kind.substring(0, kind.length() - 1) + ": " + names);
            }
            list.append(list.length() == 0 ? "" : ", ").append(quoted(name));
        }
        return parse("{\"version\": 1, \"rules\": [{\"name\": \"" + RULE_NAME + "\", "
                + "\"match\": {\"paths\": [\"/**\"]}, "
                + "\"require\": {\"" + kind + "\": {\"anyOf\": [" + list + "]}}}]}");
    }

    private static Policy parse(String text) {
        try {
            return LOADER.parse(text, "route requirement");
        } catch (PolicyLoadException e) {
            throw new IllegalArgumentException("Cannot compile the route requirement: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Returns {@code text} as a JSON string (the policy format is YAML 1.2, of which JSON is a
     * part). {@code ${} is written {@code $${}, so a name is never read as a variable.
     */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        String escaped = text.replace("${", "$${");
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
