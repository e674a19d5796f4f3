package io.portcullis.policy;

import java.util.List;
import java.util.Set;

/** One rule of a loaded policy, compiled: what it matches and what it grants. */
final class CompiledRule {

    /** What a matching request needs. */
    enum Grant {
        PUBLIC("public: no token needed", "public"),
        AUTHENTICATED("authenticated: any verified caller", "authenticated"),
        REQUIRE("require", "requirements met");

        final String description;
        final String outcome;

        Grant(String description, String outcome) {
            this.description = description;
            this.outcome = outcome;
        }
    }

    private final String name;
    private final int line;
    private final Set<String> methods; // empty: any method
    private final List<PathPattern> patterns;
    private final Grant grant;
    private final RequirementSet requirement; // null unless grant is REQUIRE
    private final boolean audit;

    CompiledRule(String name, int line, Set<String> methods, List<PathPattern> patterns,
            Grant grant, RequirementSet requirement, boolean audit) {
        this.name = name;
        this.line = line;
        this.methods = Set.copyOf(methods);
        this.patterns = List.copyOf(patterns);
        this.grant = grant;
        this.requirement = requirement;
        this.audit = audit;
    }

    String name() {
        return name;
    }

    int line() {
        return line;
    }

    Set<String> methods() {
        return methods;
    }

    List<PathPattern> patterns() {
        return patterns;
    }

    Grant grant() {
        return grant;
    }

    RequirementSet requirement() {
        return requirement;
    }

    boolean audit() {
        return audit;
    }

    /** Returns if the rule applies to {@code method}, which is already upper-case. */
    boolean matchesMethod(String method) {
        return methods.isEmpty() || methods.contains(method);
    }
}
