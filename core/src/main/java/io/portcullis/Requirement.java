package io.portcullis;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one endpoint needs beyond the policy file's rule for its path: roles, scopes, a named
 * rule of the policy, or nothing but a valid token. Adapters turn annotations and route
 * requirements into these and ask {@link Portcullis#enforce}, so a refusal reads the same in
 * every framework.
 */
public final class Requirement {

    /** What a requirement checks. */
    public enum Kind {
        /** Any valid token. */
        AUTHENTICATED,
        /** At least one of the realm roles. */
        ANY_ROLE,
        /** Every one of the realm roles. */
        ALL_ROLES,
        /** At least one of the client roles granted by {@link #client()}. */
        ANY_CLIENT_ROLE,
        /** Every one of the client roles granted by {@link #client()}. */
        ALL_CLIENT_ROLES,
        /** At least one of the scopes. */
        ANY_SCOPE,
        /** Every one of the scopes. */
        ALL_SCOPES,
        /** The named rule of the policy file, whatever its own match section says. */
        RULE,
        /** Nobody. */
        DENY_ALL
    }

    private final Kind kind;
    private final Set<String> values;
    /** The client of client roles; null for every other kind. */
    private final String client;

    private Requirement(Kind kind, Set<String> values) {
        this(kind, values, null);
    }

    private Requirement(Kind kind, Set<String> values, String client) {
        this.kind = kind;
        this.values = values;
        this.client = client;
    }

    public static Requirement authenticated() {
        return new Requirement(Kind.AUTHENTICATED, Set.of());
    }

    public static Requirement denyAll() {
        return new Requirement(Kind.DENY_ALL, Set.of());
    }

    public static Requirement anyRole(String... roles) {
        return new Requirement(Kind.ANY_ROLE, names(roles, "roles"));
    }

    public static Requirement allRoles(String... roles) {
        return new Requirement(Kind.ALL_ROLES, names(roles, "roles"));
    }

    /**
     * Requires one of the client roles {@code roles} granted by {@code client} (Keycloak's
     * {@code resource_access.<client>.roles}); a realm role of the same name does not count.
     */
    public static Requirement anyClientRole(String client, String... roles) {
        return new Requirement(Kind.ANY_CLIENT_ROLE, names(roles, "roles"), client(client));
    }

    /** Requires every one of the client roles {@code roles} granted by {@code client}. */
    public static Requirement allClientRoles(String client, String... roles) {
        return new Requirement(Kind.ALL_CLIENT_ROLES, names(roles, "roles"), client(client));
    }

    public static Requirement anyScope(String... scopes) {
        return new Requirement(Kind.ANY_SCOPE, names(scopes, "scopes"));
    }

    public static Requirement allScopes(String... scopes) {
        return new Requirement(Kind.ALL_SCOPES, names(scopes, "scopes"));
    }

    /** Requires the rule {@code ruleName} of the policy file (see PolicyEngine.decideRule). */
    public static Requirement rule(String ruleName) {
        Objects.requireNonNull(ruleName, "ruleName");
        return new Requirement(Kind.RULE, Set.of(ruleName));
    }

    private static String client(String client) {
        Objects.requireNonNull(client, "client");
        if (client.isBlank()) {
            throw new IllegalArgumentException("client must not be blank");
        }
        return client;
    }

    private static Set<String> names(String[] names, String what) {
        Objects.requireNonNull(names, what);
        if (names.length == 0) {
            throw new IllegalArgumentException("At least one of " + what + " must be named");
        }
        Set<String> set = new LinkedHashSet<>(Arrays.asList(names));
        for (String name : set) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " must not be null or blank: "
                        + Arrays.toString(names));
            }
        }
        return Set.copyOf(set);
    }

    public Kind kind() {
        return kind;
    }

    /** Returns the roles, scopes or rule name this requirement names. */
    public Set<String> values() {
        return values;
    }

    /** Returns the client whose client roles are required; empty for other kinds. */
    public Optional<String> client() {
        return Optional.ofNullable(client);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement && ((Requirement) o).kind == kind
                && ((Requirement) o).values.equals(values)
                && Objects.equals(((Requirement) o).client, client);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + values.hashCode()) * 31 + Objects.hashCode(client);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT)
                + (client == null ? "" : " " + client + ":")
                + (values.isEmpty() ? "" : " " + String.join(",", new java.util.TreeSet<>(values)));
    }
}
